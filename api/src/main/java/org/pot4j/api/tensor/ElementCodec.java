package org.pot4j.api.tensor;

import java.nio.ByteBuffer;

/** Reads and writes single elements of every {@link ElementType} in a little-endian buffer. */
final class ElementCodec {
    private ElementCodec() {
    }

    static float getFloat(ElementType type, ByteBuffer b, int i) {
        switch (type) {
            case F32: return b.getFloat(i * 4);
            case F16: return HalfFloats.f16ToFloat(b.getShort(i * 2));
            case BF16: return HalfFloats.bf16ToFloat(b.getShort(i * 2));
            case F64: return (float) b.getDouble(i * 8);
            default: return getLong(type, b, i);
        }
    }

    static long getLong(ElementType type, ByteBuffer b, int i) {
        switch (type) {
            case F32: case F16: case BF16: return (long) getFloat(type, b, i);
            case F64: return (long) b.getDouble(i * 8);
            case I8: return b.get(i);
            case U8: return b.get(i) & 0xff;
            case BOOLEAN: return b.get(i) != 0 ? 1 : 0;
            case I16: return b.getShort(i * 2);
            case U16: return b.getShort(i * 2) & 0xffff;
            case I32: return b.getInt(i * 4);
            case U32: return b.getInt(i * 4) & 0xffffffffL;
            case I64: case U64: return b.getLong(i * 8);
            case U4: return (b.get(i >> 1) >> ((i & 1) * 4)) & 0xf;
            case I4: {
                int v = (b.get(i >> 1) >> ((i & 1) * 4)) & 0xf;
                return v >= 8 ? v - 16 : v;
            }
            case U1: return (b.get(i >> 3) >> (7 - (i & 7))) & 1;
            default: throw new IllegalStateException(type.irName());
        }
    }

    static void encode(ElementType type, float[] values, ByteBuffer b) {
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            switch (type) {
                case F32: b.putFloat(i * 4, v); break;
                case F16: b.putShort(i * 2, HalfFloats.floatToF16(v)); break;
                case BF16: b.putShort(i * 2, HalfFloats.floatToBf16(v)); break;
                case F64: b.putDouble(i * 8, v); break;
                case I8: b.put(i, (byte) saturate(v, -128, 127)); break;
                case U8: b.put(i, (byte) saturate(v, 0, 255)); break;
                case BOOLEAN: b.put(i, (byte) (v != 0 ? 1 : 0)); break;
                case I16: b.putShort(i * 2, (short) saturate(v, Short.MIN_VALUE, Short.MAX_VALUE)); break;
                case U16: b.putShort(i * 2, (short) saturate(v, 0, 65535)); break;
                case I32: b.putInt(i * 4, (int) saturate(v, Integer.MIN_VALUE, Integer.MAX_VALUE)); break;
                case U32: b.putInt(i * 4, (int) saturate(v, 0, 0xffffffffL)); break;
                case I64: case U64: b.putLong(i * 8, Math.round((double) v)); break;
                case U4: case I4: {
                    long q = type == ElementType.U4 ? saturate(v, 0, 15) : saturate(v, -8, 7);
                    int shift = (i & 1) * 4;
                    int old = b.get(i >> 1) & ~(0xf << shift);
                    b.put(i >> 1, (byte) (old | ((q & 0xf) << shift)));
                    break;
                }
                case U1: {
                    int bit = 7 - (i & 7);
                    int old = b.get(i >> 3) & ~(1 << bit);
                    b.put(i >> 3, (byte) (old | ((v != 0 ? 1 : 0) << bit)));
                    break;
                }
                default: throw new IllegalStateException(type.irName());
            }
        }
    }

    private static long saturate(float v, long lo, long hi) {
        long r = Math.round((double) v);
        return Math.max(lo, Math.min(hi, r));
    }
}
