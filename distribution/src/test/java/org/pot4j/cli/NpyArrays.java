package org.pot4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes .npy arrays (version 1.0, little-endian, C order) and .npz archives as NumPy does, for CLI tests. */
final class NpyArrays {
    private NpyArrays() {
    }

    /** An f32 array of {@code dims} whose elements are {@code values}. */
    static byte[] f32(float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return npy("<f4", dims, b.array());
    }

    /** A bool array of {@code dims}, all false. */
    static byte[] bool(long... dims) {
        return npy("|b1", dims, new byte[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)]);
    }

    static byte[] npy(String descr, long[] dims, byte[] data) {
        String shape = dims.length == 1 ? "(" + dims[0] + ",)"
                : Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** An .npz archive ({@code np.savez_compressed}) with one {@code <name>.npy} entry per array. */
    static Path npz(Path file, Map<String, byte[]> arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** {@code n} values {@code 0.1 * (i + offset)} with alternating signs. */
    static float[] values(int n, int offset) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 2 == 0 ? 1 : -1) * 0.1f * (i + offset);
        }
        return v;
    }
}
