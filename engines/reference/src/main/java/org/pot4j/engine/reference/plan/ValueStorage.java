package org.pot4j.engine.reference.plan;

import org.pot4j.engine.reference.runtime.HalfRounding;
import org.pot4j.engine.reference.runtime.Value;

/**
 * The precision floating values are stored in between ops: the plan applies it, in one place, to every constant as
 * it is compiled or folded, to every model input on entry and to every floating output of a step right after the
 * step ran (before any observer or later step reads it). Kernels always compute in f32 (sums inside Convolution and
 * MatMul included); only what they store changes.
 */
public enum ValueStorage {
    /** f32: values are kept as computed (the reference engine). */
    F32 {
        @Override
        public void store(float[] values) {
        }
    },
    /** FP16: every stored value is rounded to the nearest f16, ties to even (the {@code vpu} engine). */
    F16 {
        @Override
        public void store(float[] values) {
            HalfRounding.roundInPlace(values);
        }
    };

    /**
     * Brings values to this storage precision, in place.
     *
     * @param values a buffer the caller owns
     */
    public abstract void store(float[] values);

    /**
     * Stores a value's floats in place (integer values are left alone).
     *
     * @param value a value whose array the caller owns
     * @return {@code value}
     */
    public Value store(Value value) {
        if (value != null && value.isFloat() && this != F32) {
            store(value.floats());
        }
        return value;
    }
}
