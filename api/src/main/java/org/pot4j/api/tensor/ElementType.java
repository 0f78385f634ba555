package org.pot4j.api.tensor;

import java.util.Locale;

/**
 * Element types of tensors and constants, named as OpenVINO IR names them ({@code f32}, {@code i8}, ...).
 *
 * <p>{@link #U4}, {@link #I4} and {@link #U1} are packed sub-byte types that appear only in IR constants;
 * their elements are stored low nibble/bit first.
 */
public enum ElementType {
    F32("f32", 32, true),
    F16("f16", 16, true),
    BF16("bf16", 16, true),
    F64("f64", 64, true),
    I8("i8", 8, false),
    U8("u8", 8, false),
    I16("i16", 16, false),
    U16("u16", 16, false),
    I32("i32", 32, false),
    U32("u32", 32, false),
    I64("i64", 64, false),
    U64("u64", 64, false),
    BOOLEAN("boolean", 8, false),
    U4("u4", 4, false),
    I4("i4", 4, false),
    U1("u1", 1, false);

    private final String irName;
    private final int bitWidth;
    private final boolean floatingPoint;

    ElementType(String irName, int bitWidth, boolean floatingPoint) {
        this.irName = irName;
        this.bitWidth = bitWidth;
        this.floatingPoint = floatingPoint;
    }

    /** The IR spelling: {@code f32}, {@code i64}, {@code boolean}, ... */
    public String irName() {
        return irName;
    }

    public int bitWidth() {
        return bitWidth;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** True for types whose elements are smaller than a byte and packed. */
    public boolean isPacked() {
        return bitWidth < 8;
    }

    /** Bytes needed to store {@code elements} elements of this type (packed types round up). */
    public long byteSize(long elements) {
        return (elements * bitWidth + 7) / 8;
    }

    /**
     * The type named {@code name} in IR spelling ({@code f32}) or as an IR port precision ({@code FP32}, {@code I8}, {@code BOOL}).
     *
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

    /** The IR port precision spelling: {@code FP32}, {@code FP16}, {@code I8}, {@code BOOL}, ... */
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
