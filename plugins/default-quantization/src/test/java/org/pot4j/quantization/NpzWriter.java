package org.pot4j.quantization;

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
import org.pot4j.api.tensor.Tensor;

/**
 * Writes float32 tensors as numpy's {@code .npz} (a zip of {@code .npy} files, format version 1.0, little endian),
 * readable by {@code numpy.load}. Benchmark support: calibration samples for ONNX Runtime's Python quantizer.
 */
final class NpzWriter {
    private NpzWriter() {
    }

    /** Writes {@code arrays} (name to float tensor) to {@code file}, one {@code NAME.npy} entry each. */
    static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(npy(e.getValue()));
                zip.closeEntry();
            }
        }
    }

    /** One {@code .npy} file: magic, version 1.0, header length, the header dict padded to 64 bytes, the data. */
    static byte[] npy(Tensor tensor) {
        long[] dims = tensor.shape().dims();
        String shape = dims.length == 1 ? "(" + dims[0] + ",)"
                : Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        float[] values = tensor.toFloatArray();
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
