package org.pot4j.data.numpy;

import java.util.Optional;
import org.pot4j.api.tensor.ElementType;

/**
 * A simple NumPy dtype descriptor such as {@code '<f4'}, {@code '>i8'} or {@code '|u1'}: byte order and element type.
 *
 * @param type      the pot4j element type
 * @param bigEndian true for {@code '>'}; {@code '<'}, {@code '|'} (single byte) and {@code '='} (native, little on
 *                  every platform pot4j runs on) are little endian
 */
public record NpyDtype(ElementType type, boolean bigEndian) {
    /**
     * Parses a descriptor; empty when the type is not one pot4j tensors hold (object, strings, complex, datetimes).
     *
     * @throws IllegalArgumentException if the byte-order character is unknown
     */
    static Optional<NpyDtype> parse(String descr) {
        if (descr.length() < 2) {
            return Optional.empty();
        }
        char order = descr.charAt(0);
        String code = descr.substring(1);
        boolean big;
        switch (order) {
            case '<': case '|': case '=': big = false; break;
            case '>': big = true; break;
            default: throw new IllegalArgumentException("unknown byte order '" + order + "'");
        }
        ElementType type;
        switch (code) {
            case "f2": type = ElementType.F16; break;
            case "f4": type = ElementType.F32; break;
            case "f8": type = ElementType.F64; break;
            case "i1": type = ElementType.I8; break;
            case "u1": type = ElementType.U8; break;
            case "i2": type = ElementType.I16; break;
            case "u2": type = ElementType.U16; break;
            case "i4": type = ElementType.I32; break;
            case "u4": type = ElementType.U32; break;
            case "i8": type = ElementType.I64; break;
            case "u8": type = ElementType.U64; break;
            case "b1": type = ElementType.BOOLEAN; break;
            default: return Optional.empty();
        }
        return Optional.of(new NpyDtype(type, big));
    }

    /** Bytes per element. */
    int itemSize() {
        return type.bitWidth() / 8;
    }
}
