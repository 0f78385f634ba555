package org.pot4j.cli.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

class MetricsTest {
    @Test
    void topKCountsRanksOverTheBatchAndTiesFavourTheLowerClass() {
        TopKAccuracy m = new TopKAccuracy(2);
        // 3 samples x 4 classes, shape [3,4,1,1] as classifiers often end
        Tensor scores = Tensor.ofFloats(new float[] {
            0.1f, 0.7f, 0.1f, 0.1f,   // label 1: top-1
            0.5f, 0.2f, 0.3f, 0.0f,   // label 2: second
            0.4f, 0.4f, 0.1f, 0.1f,   // label 1: ties with class 0, which ranks first
        }, 3, 4, 1, 1);
        m.update(Map.of("prob", scores), List.of(1, 2, 1));
        assertEquals(Map.of("accuracy@top1", List.of(1.0, 0.0, 0.0), "accuracy@top2", List.of(1.0, 1.0, 1.0)), m.value());
        m.update(Map.of("prob", Tensor.ofFloats(new float[] {0, 1, 1, 0}, 1, 4)), List.of(0));
        assertEquals(0.25, m.averageValue().get("accuracy@top1"), 1e-12);
        assertEquals(0.75, m.averageValue().get("accuracy@top2"), 1e-12);
        m.reset();
        assertEquals(0.0, m.averageValue().get("accuracy@top1"));
    }

    @Test
    void topKNeedsLabels() {
        TopKAccuracy m = new TopKAccuracy(5);
        DataException e = assertThrows(DataException.class,
                () -> m.update(Map.of("p", Tensor.ofFloats(new float[] {1, 2}, 1, 2)), Arrays.asList((Object) null)));
        assertTrue(e.getMessage().contains("accuracy needs a labels file"), e.getMessage());
    }

    @Test
    void outputDifferenceMatchesByNameOrPosition() {
        OutputDifference d = new OutputDifference();
        Tensor batch = Tensor.ofFloats(new float[] {1, 2, 3, 4}, 2, 2);
        d.update(Map.of("out", batch), List.of(
                Map.of("other_name", Tensor.ofFloats(new float[] {1, 2.5f}, 1, 2)),
                Map.of("out", Tensor.ofFloats(new float[] {3, 3}, 1, 2))));
        assertEquals(1.0, d.averageValue().get(OutputDifference.MAX), 1e-12);
        assertEquals((0 + 0.5 + 0 + 1) / 4.0, d.averageValue().get(OutputDifference.MEAN), 1e-12);
        assertEquals(List.of(0.5, 1.0), d.value().get(OutputDifference.MAX));
        assertEquals(false, d.higherBetter());
    }

    @Test
    void outputDifferenceRefusesMismatchedShapes() {
        OutputDifference d = new OutputDifference();
        DataException e = assertThrows(DataException.class, () -> d.update(
                Map.of("out", Tensor.ofFloats(new float[] {1, 2}, 1, 2)),
                List.of(Map.of("out", Tensor.ofFloats(new float[] {1, 2, 3}, 1, 3)))));
        assertTrue(e.getMessage().startsWith("output 'out' [1, 2] does not match the reference [1, 3]")
                || e.getMessage().startsWith("output 'out' "), e.getMessage());
    }
}
