package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class NpyReaderTest {
    private static Tensor read(byte[] npy) throws IOException {
        return NpyReader.read(new ByteArrayInputStream(npy), "a.npy", NpyReader.UNKNOWN_SIZE);
    }

    private static DataException fails(byte[] npy) {
        return assertThrows(DataException.class, () -> read(npy));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void exactBytesOfNumpySave() throws IOException {
        // np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)): a 118-byte header (128 with the prefix), then 24 data bytes.
        byte[] npy = NpyFiles.npy("<f4", false, "(2, 3)", NpyFiles.f32(0, 1, 2, 3, 4, 5));
        assertEquals(152, npy.length);
        assertEquals('\n', npy[127]);
        assertEquals(118, npy[8]);
        Tensor t = read(npy);
        assertEquals(ElementType.F32, t.elementType());
        assertEquals(Shape.of(2, 3), t.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.toFloatArray());
    }

    @Test
    void littleEndianIntegerTypes() throws IOException {
        assertArrayEquals(new long[] {-1, 2}, read(NpyFiles.npy("|i1", false, "(2,)", bytes(0xff, 2))).toLongArray());
        assertArrayEquals(new long[] {255, 2}, read(NpyFiles.npy("|u1", false, "(2,)", bytes(0xff, 2))).toLongArray());
        assertArrayEquals(new long[] {-2, 300}, read(NpyFiles.npy("<i2", false, "(2,)", bytes(0xfe, 0xff, 0x2c, 0x01))).toLongArray());
        assertArrayEquals(new long[] {65535}, read(NpyFiles.npy("<u2", false, "(1,)", bytes(0xff, 0xff))).toLongArray());
        assertArrayEquals(new long[] {-3}, read(NpyFiles.npy("<i4", false, "(1,)", bytes(0xfd, 0xff, 0xff, 0xff))).toLongArray());
        Tensor i64 = read(NpyFiles.npy("<i8", false, "(1, 1)", bytes(1, 0, 0, 0, 0, 0, 0, 0x80)));
        assertEquals(ElementType.I64, i64.elementType());
        assertEquals(Long.MIN_VALUE + 1, i64.getLong(0));
        Tensor bool = read(NpyFiles.npy("|b1", false, "(3,)", bytes(1, 0, 1)));
        assertEquals(ElementType.BOOLEAN, bool.elementType());
        assertArrayEquals(new long[] {1, 0, 1}, bool.toLongArray());
    }

    @Test
    void halfFloatsStayHalf() throws IOException {
        // 1.5 = 0x3E00, -2 = 0xC000 in IEEE binary16.
        Tensor t = read(NpyFiles.npy("<f2", false, "(2,)", bytes(0x00, 0x3e, 0x00, 0xc0)));
        assertEquals(ElementType.F16, t.elementType());
        assertArrayEquals(new float[] {1.5f, -2f}, t.toFloatArray());
    }

    @Test
    void bigEndianIsSwapped() throws IOException {
        assertArrayEquals(new float[] {1f}, read(NpyFiles.npy(">f4", false, "(1,)", bytes(0x3f, 0x80, 0, 0))).toFloatArray());
        assertArrayEquals(new long[] {1, -2, 300}, read(NpyFiles.npy(">i2", false, "(3,)",
                bytes(0, 1, 0xff, 0xfe, 0x01, 0x2c))).toLongArray());
        assertArrayEquals(new long[] {258}, read(NpyFiles.npy(">i8", false, "(1,)", bytes(0, 0, 0, 0, 0, 0, 1, 2))).toLongArray());
        assertArrayEquals(new float[] {1.5f}, read(NpyFiles.npy(">f2", false, "(1,)", bytes(0x3e, 0x00))).toFloatArray());
        assertArrayEquals(new float[] {0.5f}, read(NpyFiles.npy(">f8", false, "(1,)", bytes(0x3f, 0xe0, 0, 0, 0, 0, 0, 0))).toFloatArray());
    }

    @Test
    void scalarsAndEmptyArrays() throws IOException {
        Tensor scalar = read(NpyFiles.npy("<f4", false, "()", NpyFiles.f32(3.5f)));
        assertEquals(Shape.SCALAR, scalar.shape());
        assertEquals(3.5f, scalar.getFloat(0));
        assertEquals(Shape.of(0, 4), read(NpyFiles.npy("<f4", false, "(0, 4)", new byte[0])).shape());
    }

    @Test
    void versionTwoAndThreeHeaders() throws IOException {
        assertArrayEquals(new float[] {7}, read(NpyFiles.npy(2, "<f4", false, "(1,)", NpyFiles.f32(7))).toFloatArray());
        assertArrayEquals(new float[] {7}, read(NpyFiles.npy(3, "<f4", false, "(1,)", NpyFiles.f32(7))).toFloatArray());
        DataException e = fails(NpyFiles.npy(4, "<f4", false, "(1,)", NpyFiles.f32(7)));
        assertTrue(e.getMessage().contains("version 4"), e.getMessage());
    }

    @Test
    void objectArraysFailSayingWhy() {
        DataException e = fails(NpyFiles.npy("|O", false, "(2,)", new byte[16]));
        assertTrue(e.getMessage().startsWith("a.npy: object arrays"), e.getMessage());
    }

    @Test
    void unsupportedAndStructuredDtypesFail() {
        assertTrue(fails(NpyFiles.npy("<c8", false, "(1,)", new byte[8])).getMessage().contains("'<c8' is not supported"));
        assertTrue(fails(NpyFiles.npy("<U3", false, "(1,)", new byte[12])).getMessage().contains("not supported"));
        assertTrue(fails(NpyFiles.npy("!f4", false, "(1,)", new byte[4])).getMessage().contains("byte order"));
        DataException structured = fails(NpyFiles.npyWithHeader(1,
                "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertTrue(structured.getMessage().contains("structured"), structured.getMessage());
    }

    @Test
    void truncatedAndForeignFilesFail() {
        byte[] full = NpyFiles.npy("<f4", false, "(2, 3)", NpyFiles.f32(0, 1, 2, 3, 4, 5));
        DataException cut = fails(Arrays.copyOf(full, full.length - 5));
        assertTrue(cut.getMessage().contains("truncated data") && cut.getMessage().contains("needs 24 bytes, found 19"),
                cut.getMessage());
        assertTrue(fails(Arrays.copyOf(full, 60)).getMessage().contains("truncated .npy header"));
        assertTrue(fails("PK\3\4 not numpy".getBytes()).getMessage().contains("magic"));
        assertTrue(fails(new byte[3]).getMessage().contains("not a .npy"));
        assertTrue(fails(NpyFiles.npyWithHeader(1, "{'descr': '<f4', 'shape': (1,), }", new byte[4])).getMessage()
                .contains("lacks"));
        assertTrue(fails(NpyFiles.npyWithHeader(1, "{'descr': '<f4', 'fortran_order': Nope, 'shape': (1,), }", new byte[4]))
                .getMessage().contains("unreadable .npy header"));
    }
}
