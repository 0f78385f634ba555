package org.pot4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class TensorComparisonTest {
    @Test
    void floatsWithinToleranceMatchAndNanMatchesNan() {
        Tensor e = Tensor.ofFloats(new float[] {1000f, 0f, Float.NaN, Float.NEGATIVE_INFINITY}, 4);
        Tensor a = Tensor.ofFloats(new float[] {1000.9f, 0.00009f, Float.NaN, Float.NEGATIVE_INFINITY}, 4);
        assertEquals(Optional.empty(), TensorComparison.difference(e, a));
    }

    @Test
    void floatsOutsideToleranceAreReportedWithTheFirstIndex() {
        Tensor e = Tensor.ofFloats(new float[] {1f, 2f}, 2);
        Tensor a = Tensor.ofFloats(new float[] {1f, 2.01f}, 2);
        String d = TensorComparison.difference(e, a).orElseThrow();
        assertTrue(d.startsWith("1 of 2 values differ, first at 1"), d);
    }

    @Test
    void integersMustBeExactButMayBeWider() {
        Tensor e = Tensor.ofInts(Shape.of(2), 3, 4);
        assertEquals(Optional.empty(), TensorComparison.difference(e, Tensor.ofLongs(Shape.of(2), 3, 4)));
        assertTrue(TensorComparison.difference(e, Tensor.ofLongs(Shape.of(2), 3, 5)).isPresent());
    }

    @Test
    void shapesAndTypeKindsMustAgree() {
        Tensor e = Tensor.ofFloats(new float[] {1f, 2f}, 2);
        assertTrue(TensorComparison.difference(e, Tensor.ofFloats(new float[] {1f, 2f}, 1, 2)).orElseThrow()
                .startsWith("shape [1,2]"));
        assertTrue(TensorComparison.difference(Tensor.zeros(ElementType.BOOLEAN, Shape.of(2)), e).orElseThrow()
                .startsWith("element type f32, expected boolean"));
    }
}
