package org.pot4j.data.torch;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.tensor.Tensor;

/** Turns a batch of samples into one value, as torch's {@code default_collate} does for tensors. */
public final class Collate {
    private Collate() {
    }

    /**
     * Stacks equally shaped tensors along a new leading batch axis: n tensors of shape {@code [d...]} give
     * {@code [n, d...]}.
     *
     * @throws IllegalArgumentException if the batch is empty or types or shapes differ
     */
    public static Tensor stack(List<Tensor> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("cannot stack an empty batch");
        }
        List<Tensor> rows = new ArrayList<>(batch.size());
        for (Tensor t : batch) {
            long[] dims = t.shape().dims();
            long[] withBatch = new long[dims.length + 1];
            withBatch[0] = 1;
            System.arraycopy(dims, 0, withBatch, 1, dims.length);
            rows.add(t.reshape(org.pot4j.api.tensor.Shape.of(withBatch)));
        }
        if (rows.size() == 1) {
            return rows.get(0);
        }
        return Tensor.concatBatch(rows);
    }
}
