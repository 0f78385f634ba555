package org.pot4j.testkit;

import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** A minimal statistic for contract tests: the largest element seen over a pass, and how many batches were seen. */
public final class MaxStatistic implements Statistic {
    private final String name;

    public MaxStatistic(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            private float max = Float.NEGATIVE_INFINITY;
            private int batches;

            @Override
            public void accept(Tensor batch) {
                batches++;
                for (float v : batch.toFloatArray()) {
                    max = Math.max(max, v);
                }
            }

            @Override
            public Tensor result() {
                return Tensor.ofFloats(Shape.of(2), max, batches);
            }
        };
    }
}
