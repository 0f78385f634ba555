package org.pot4j.core.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** The samples of one inference, and their inputs as the engine takes them. */
record SampleBatch(int[] indices, List<DataItem> items) {
    /** Each input's sample tensors, each given a leading batch axis, concatenated on it. */
    Map<String, Tensor> stacked(String loader) {
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        for (DataItem item : items) {
            item.inputs().forEach((name, t) -> parts.computeIfAbsent(name, k -> new ArrayList<>()).add(withBatchAxis(t)));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Tensor>> e : parts.entrySet()) {
            if (e.getValue().size() != items.size()) {
                throw new DataException(describe(loader) + " do not all have input '" + e.getKey() + "'");
            }
            try {
                out.put(e.getKey(), e.getValue().size() == 1 ? e.getValue().get(0) : Tensor.concatBatch(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new DataException(describe(loader) + " cannot be batched for input '" + e.getKey() + "': "
                        + ex.getMessage() + " (use batch size 1 for samples of different shapes)", ex);
            }
        }
        return out;
    }

    /** The annotations, one per sample. */
    List<Object> annotations() {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(i.annotation()));
        return out;
    }

    /** "sample 3 of 'images'" or "samples [0, 1] of 'images'". */
    String describe(String loader) {
        return (indices.length == 1 ? "sample " + indices[0] : "samples " + Arrays.toString(indices)) + " of '" + loader
                + "'";
    }

    private static Tensor withBatchAxis(Tensor t) {
        long[] dims = t.shape().dims();
        long[] b = new long[dims.length + 1];
        b[0] = 1;
        System.arraycopy(dims, 0, b, 1, dims.length);
        return t.reshape(Shape.of(b));
    }
}
