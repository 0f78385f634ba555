package org.pot4j.engine.ort;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Tensor;

/** A test statistic that keeps every batch, concatenated on the batch axis. */
final class CollectAll implements Statistic {
    @Override
    public String name() {
        return "all";
    }

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            private final List<Tensor> parts = new ArrayList<>();

            @Override
            public void accept(Tensor batch) {
                parts.add(batch);
            }

            @Override
            public Tensor result() {
                return Tensor.concatBatch(parts);
            }
        };
    }
}
