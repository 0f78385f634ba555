package org.pot4j.conformance;

import java.util.Optional;
import org.pot4j.api.tensor.Tensor;

/**
 * Compares an engine output with the recorded one: shapes must be equal; floating values within
 * {@code atol + rtol * |expected|} (NaN only matches NaN); integer and boolean values exactly.
 *
 * <p>Only the kind of element type (floating or not) must agree, not its width: the reference engine computes every
 * floating tensor in f32 and every integer tensor in i64 by design.
 */
final class TensorComparison {
    static final double RTOL = 1e-3;
    static final double ATOL = 1e-4;

    private TensorComparison() {
    }

    /** The first difference, or empty when {@code actual} matches {@code expected}. */
    static Optional<String> difference(Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            return Optional.of("shape " + actual.shape() + ", expected " + expected.shape());
        }
        boolean floating = expected.elementType().isFloatingPoint();
        if (floating != actual.elementType().isFloatingPoint()) {
            return Optional.of("element type " + actual.elementType().irName() + ", expected "
                    + expected.elementType().irName());
        }
        return floating ? floatDifference(expected, actual) : exactDifference(expected, actual);
    }

    private static Optional<String> floatDifference(Tensor expected, Tensor actual) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        int mismatches = 0;
        int first = -1;
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            if (!close(e[i], a[i])) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
                worst = Math.max(worst, Math.abs((double) e[i] - a[i]));
            }
        }
        if (mismatches == 0) {
            return Optional.empty();
        }
        return Optional.of(mismatches + " of " + e.length + " values differ, first at " + first + ": " + a[first]
                + " instead of " + e[first] + " (largest difference " + (float) worst + ")");
    }

    static boolean close(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual);
        }
        if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs((double) expected - actual) <= ATOL + RTOL * Math.abs((double) expected);
    }

    private static Optional<String> exactDifference(Tensor expected, Tensor actual) {
        long[] e = expected.toLongArray();
        long[] a = actual.toLongArray();
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i]) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (mismatches == 0) {
            return Optional.empty();
        }
        return Optional.of(mismatches + " of " + e.length + " values differ, first at " + first + ": " + a[first]
                + " instead of " + e[first]);
    }
}
