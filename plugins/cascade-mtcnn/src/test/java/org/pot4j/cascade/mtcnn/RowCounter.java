package org.pot4j.cascade.mtcnn;

import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** A statistic for tests: how many tensors and batch rows were accepted, and their largest element. */
final class RowCounter implements Statistic {
    static final String NAME = "rows";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            private long calls;
            private long rows;
            private float max = Float.NEGATIVE_INFINITY;

            @Override
            public void accept(Tensor batch) {
                calls++;
                rows += batch.shape().dim(0);
                for (float v : batch.toFloatArray()) {
                    max = Math.max(max, v);
                }
            }

            @Override
            public Tensor result() {
                return Tensor.ofFloats(Shape.of(3), calls, rows, max);
            }
        };
    }
}
