package org.pot4j.api.tensor;

import java.util.Locale;

/**
 * Element types of tensors and constants, named as OpenVINO IR names them ({@code f32}, {@code i8}, ...).
 *
 * <p>{@link #U4}, {@link #I4} and {@link #U1} are packed sub-byte types that appear only in IR constants;
 * {@code u4}/{@code i4} elements are stored low nibble first, {@code u1} elements most significant bit first.
 */
public enum ElementType {
    /** 32-bit IEEE float. */
    F32("f32", 32, true),
    /** 16-bit IEEE float (binary16). */
    F16("f16", 16, true),
    /** 16-bit bfloat16, the high half of an f32. */
    BF16("bf16", 16, true),
    /** 64-bit IEEE float. */
    F64("f64", 64, true),
    /** Signed 8-bit integer. */
    I8("i8", 8, false),
    /** Unsigned 8-bit integer. */
    U8("u8", 8, false),
    /** Signed 16-bit integer. */
    I16("i16", 16, false),
    /** Unsigned 16-bit integer. */
    U16("u16", 16, false),
    /** Signed 32-bit integer. */
    I32("i32", 32, false),
    /** Unsigned 32-bit integer. */
    U32("u32", 32, false),
    /** Signed 64-bit integer. */
    I64("i64", 64, false),
    /** Unsigned 64-bit integer (read as a signed long). */
    U64("u64", 64, false),
    /** Boolean, one byte per element (0 is false). */
    BOOLEAN("boolean", 8, false),
    /** Unsigned 4-bit integer, two per byte. */
    U4("u4", 4, false),
    /** Signed 4-bit integer, two per byte. */
    I4("i4", 4, false),
    /** One bit per element, eight per byte. */
    U1("u1", 1, false);

    private final String irName;
    private final int bitWidth;
    private final boolean floatingPoint;

    ElementType(String irName, int bitWidth, boolean floatingPoint) {
        this.irName = irName;
        this.bitWidth = bitWidth;
        this.floatingPoint = floatingPoint;
    }

    /** {@return the IR spelling: {@code f32}, {@code i64}, {@code boolean}, ...} */
    public String irName() {
        return irName;
    }

    /** {@return the bits one element takes} */
    public int bitWidth() {
        return bitWidth;
    }

    /** {@return true for f32, f16, bf16 and f64} */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** {@return true for types whose elements are smaller than a byte and packed} */
    public boolean isPacked() {
        return bitWidth < 8;
    }

    /**
     * The storage size of a number of elements.
     *
     * @param elements the number of elements
     * @return the bytes needed to store them (packed types round up)
     * @throws ArithmeticException if the size does not fit in a long (a shape from a hostile file)
     * @throws IllegalArgumentException if {@code elements} is negative
     */
    public long byteSize(long elements) {
        if (elements < 0) {
            throw new IllegalArgumentException("negative element count " + elements);
        }
        return Math.addExact(Math.multiplyExact(elements, (long) bitWidth), 7L) / 8;
    }

    /**
     * The type named {@code name} in IR spelling ({@code f32}) or as an IR port precision ({@code FP32}, {@code I8}, {@code BOOL}).
     *
     * @param name the name, in any case, surrounding blanks ignored
     * @return the type
     * @throws IllegalArgumentException naming the unknown type
     */
    public static ElementType fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "fp32": return F32;
            case "fp16": return F16;
            case "fp64": return F64;
            case "bool": return BOOLEAN;
            default: break;
        }
        for (ElementType t : values()) {
            if (t.irName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown element type '" + name + "'");
    }

    /** {@return the IR port precision spelling: {@code FP32}, {@code FP16}, {@code I8}, {@code BOOL}, ...} */
    public String precisionName() {
        switch (this) {
            case F32: return "FP32";
            case F16: return "FP16";
            case F64: return "FP64";
            case BF16: return "BF16";
            case BOOLEAN: return "BOOL";
            default: return irName.toUpperCase(Locale.ROOT);
        }
    }
}
