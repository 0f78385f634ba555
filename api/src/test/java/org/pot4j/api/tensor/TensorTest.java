package org.pot4j.api.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void floatsRoundTripAndAreLittleEndian() {
        Tensor t = Tensor.ofFloats(new float[] {1f, -2.5f, 3f, 4f, 5f, 6f}, 2, 3);
        assertArrayEquals(new float[] {1f, -2.5f, 3f, 4f, 5f, 6f}, t.toFloatArray());
        assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
        assertEquals(0x3f800000, Integer.reverseBytes(ByteBuffer.wrap(t.toByteArray(), 0, 4).getInt()));
        assertEquals(24, t.byteSize());
        assertTrue(t.data().isReadOnly());
    }

    @Test
    void viewsShareDataWithoutCopying() {
        Tensor t = Tensor.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 3, 2);
        Tensor rows = t.slice(1, 3);
        assertEquals(Shape.of(2, 2), rows.shape());
        assertArrayEquals(new float[] {2, 3, 4, 5}, rows.toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.reshape(Shape.of(6)).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(Shape.of(5)));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(2, 4));
    }

    @Test
    void everyElementTypeConvertsToFloat() {
        float[] values = {-3, 0, 1, 7};
        for (ElementType type : new ElementType[] {ElementType.F16, ElementType.BF16, ElementType.I8, ElementType.I16,
                ElementType.I32, ElementType.I64, ElementType.F64, ElementType.I4}) {
            Tensor t = Tensor.fromFloats(type, Shape.of(4), values);
            assertArrayEquals(values, t.toFloatArray(), type.irName());
        }
        assertArrayEquals(new float[] {0, 0, 1, 7}, Tensor.fromFloats(ElementType.U8, Shape.of(4), values).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1, 1}, Tensor.fromFloats(ElementType.BOOLEAN, Shape.of(4), values).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1, 1}, Tensor.fromFloats(ElementType.U1, Shape.of(4), values).toFloatArray());
    }

    @Test
    void doublesKeepF64Exactly() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(0.1).putDouble(-3.0000000001).flip();
        assertArrayEquals(new double[] {0.1, -3.0000000001}, Tensor.of(ElementType.F64, Shape.of(2), b).toDoubleArray());
        assertArrayEquals(new double[] {1.5, -2}, Tensor.ofFloats(new float[] {1.5f, -2f}, 2).toDoubleArray());
        assertArrayEquals(new double[] {1L << 40}, Tensor.ofLongs(Shape.of(1), 1L << 40).toDoubleArray());
    }

    @Test
    void integerConversionSaturatesAndRounds() {
        Tensor t = Tensor.fromFloats(ElementType.I8, Shape.of(3), new float[] {300f, -300f, 2.6f});
        assertArrayEquals(new long[] {127, -128, 3}, t.toLongArray());
    }

    @Test
    void packedTypesUseLowNibbleFirst() {
        Tensor u4 = Tensor.of(ElementType.U4, Shape.of(3), new byte[] {(byte) 0x21, 0x03});
        assertArrayEquals(new long[] {1, 2, 3}, u4.toLongArray());
        assertEquals(2, ElementType.U4.byteSize(3));
    }

    @Test
    void wrongByteCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(ElementType.F32, Shape.of(2, 2), new byte[15]));
        assertTrue(e.getMessage().contains("needs 16 bytes, got 15"), e.getMessage());
    }

    @Test
    void batchesConcatenateOnAxisZero() {
        Tensor a = Tensor.ofFloats(new float[] {1, 2}, 1, 2);
        Tensor b = Tensor.ofFloats(new float[] {3, 4, 5, 6}, 2, 2);
        Tensor c = Tensor.concatBatch(List.of(a, b));
        assertEquals(Shape.of(3, 2), c.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.toFloatArray());
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.concatBatch(List.of(a, Tensor.ofFloats(new float[] {1, 2, 3}, 1, 3))));
    }

    @Test
    void plainJavaArraysGiveTensorsOfTheMatchingType() {
        Tensor f = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        assertEquals(ElementType.F32, f.elementType());
        assertEquals(Shape.of(1, 2, 3), f.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, f.toFloatArray());
        assertEquals(ElementType.F64, Tensor.of(new double[] {0.5, 1e300}, 2).elementType());
        assertArrayEquals(new double[] {0.5, 1e300}, Tensor.of(new double[] {0.5, 1e300}, 2).toDoubleArray());
        assertArrayEquals(new long[] {-7, 1L << 40}, Tensor.of(new long[] {-7, 1L << 40}, 2).toLongArray());
        assertEquals(ElementType.I32, Tensor.of(new int[] {3}, 1).elementType());
        assertArrayEquals(new long[] {-300, 300}, Tensor.of(new short[] {-300, 300}, 2).toLongArray());
        assertArrayEquals(new long[] {-1, 127}, Tensor.of(new byte[] {-1, 127}, 2).toLongArray());
        Tensor u8 = Tensor.ofUnsignedBytes(new byte[] {(byte) 255, 0}, 2);
        assertEquals(ElementType.U8, u8.elementType());
        assertArrayEquals(new float[] {255, 0}, u8.toFloatArray());
        assertArrayEquals(new long[] {1, 0, 1}, Tensor.of(new boolean[] {true, false, true}, 3).toLongArray());
        assertEquals(Shape.SCALAR, Tensor.of(new float[] {2}).shape());
    }

    @Test
    void plainJavaArraysMustFitTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new float[5], 1, 3, 2));
        assertEquals("shape [1,3,2] holds 6 elements, got 5 values", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], -1, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new byte[2], 3));
    }

    @Test
    void plainArraysAreCopied() {
        float[] data = {1, 2};
        Tensor t = Tensor.of(data, 2);
        data[0] = 9;
        assertEquals(1f, t.getFloat(0));
    }
}
