package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * External data never leaves the model's folder: links out of it, {@code ..}, absolute locations, FIFOs and other
 * non-regular files are refused, and offsets and lengths are checked against the file before anything is allocated.
 */
class OnnxExternalDataSafetyTest {
    private static final float[] WEIGHTS = OnnxTestModels.ramp(2 * 2 * 3 * 3);

    @TempDir
    Path dir;

    /** A Conv whose weights {@code w} [2,2,3,3] live in external data at {@code location}. */
    private Path model(Path folder, String location, String... offsetAndLength) throws IOException {
        TensorProto.Builder w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).addDims(3).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location));
        if (offsetAndLength.length > 0) {
            w.addExternalData(entry("offset", offsetAndLength[0]));
        }
        if (offsetAndLength.length > 1) {
            w.addExternalData(entry("length", offsetAndLength[1]));
        }
        Files.createDirectories(folder);
        return OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y").initializer(w.build())
                .node("Conv", "conv", in("x", "w"), out("y")).write(folder.resolve("model.onnx"));
    }

    private static byte[] weightBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 * WEIGHTS.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : WEIGHTS) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static ModelFormatException readFails(Path file) {
        return assertThrows(ModelFormatException.class, () -> new OnnxModelFormat().read(ModelSource.of(file)));
    }

    private static void assertMentions(ModelFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void aLinkLeavingTheFolderIsRefused() throws IOException {
        Path secret = Files.write(dir.resolve("secret.bin"), weightBytes()); // outside the model's folder
        Path folder = dir.resolve("model");
        Path m = model(folder, "weights.bin");
        Files.createSymbolicLink(folder.resolve("weights.bin"), secret);
        assertMentions(readFails(m), "model.onnx", "'w'", "'weights.bin'", secret.toRealPath().toString(),
                "outside the model's folder", folder.toRealPath().toString());
    }

    @Test
    void aLinkToEtcPasswdIsRefused() throws IOException {
        Path folder = dir.resolve("model");
        Path m = model(folder, "weights.bin", "0", "144"); // 144 bytes of it: read as weights by the unchecked reader
        Files.createSymbolicLink(folder.resolve("weights.bin"), Path.of("/etc/passwd"));
        assertMentions(readFails(m), "model.onnx", "'w'", "'weights.bin'", "/etc/passwd", "outside the model's folder");
    }

    @Test
    void aLinkedFolderLeavingTheModelsFolderIsRefused() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("weights.bin"), weightBytes());
        Path folder = dir.resolve("model");
        Path m = model(folder, "data/weights.bin");
        Files.createSymbolicLink(folder.resolve("data"), elsewhere);
        assertMentions(readFails(m), "model.onnx", "'w'", "'data/weights.bin'", "outside the model's folder");
    }

    @Test
    void aLinkStayingInsideTheFolderIsRead() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.write(Files.createDirectories(folder.resolve("blobs")).resolve("real.bin"), weightBytes());
        Path m = model(folder, "weights.bin");
        Files.createSymbolicLink(folder.resolve("weights.bin"), Path.of("blobs/real.bin"));
        OnnxModel read = new OnnxModelFormat().read(ModelSource.of(m));
        assertArrayEquals(WEIGHTS, read.graph().requireNode("w").constantValue().orElseThrow().toFloatArray());
    }

    @Test
    void dotDotIsRefusedEvenWhenItComesBackInside() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.write(folder.resolve("weights.bin"), weightBytes());
        assertMentions(readFails(model(folder, "../model/weights.bin")), "model.onnx", "'w'",
                "'../model/weights.bin'", "..");
    }

    @Test
    void anAbsoluteLocationIsRefused() throws IOException {
        Path abs = Files.write(dir.resolve("abs.bin"), weightBytes());
        assertMentions(readFails(model(dir.resolve("model"), abs.toString())), "model.onnx", "'w'", abs.toString(),
                "absolute");
    }

    @Test
    void aFolderIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.createDirectories(folder.resolve("weights.bin"));
        assertMentions(readFails(model(folder, "weights.bin")), "model.onnx", "'w'", "'weights.bin'",
                "not a regular file");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Path fifo = folder.resolve("weights.bin");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo");
        Path m = model(folder, "weights.bin");
        // opening a FIFO for reading blocks until a writer comes: the read must refuse it before that
        ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readFails(m));
        assertMentions(e, "model.onnx", "'w'", "'weights.bin'", "not a regular file");
    }

    @Test
    void anOffsetPastTheEndIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.write(folder.resolve("weights.bin"), weightBytes());
        assertMentions(readFails(model(folder, "weights.bin", "9223372036854775807", "144")), "model.onnx", "'w'",
                "'weights.bin'", "144");
    }

    @Test
    void aLengthOtherThanTheTensorsSizeIsRefusedBeforeReading() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.write(folder.resolve("weights.bin"), weightBytes());
        // 2*2*3*3 floats are 144 bytes; a length of 100 would otherwise be read and then mismatch, or be allocated
        assertMentions(readFails(model(folder, "weights.bin", "0", "100")), "model.onnx", "'w'", "'weights.bin'",
                "100", "144");
    }

    @Test
    void aHugeLengthIsRefusedBeforeAllocating() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.write(folder.resolve("weights.bin"), weightBytes());
        assertMentions(readFails(model(folder, "weights.bin", "0", "4611686018427387904")), "model.onnx", "'w'",
                "'weights.bin'");
    }

    @Test
    void aLocationThatIsNoPathIsRefused() throws IOException {
        assertMentions(readFails(model(dir.resolve("model"), "weights\0.bin")), "model.onnx", "'w'");
    }

    @Test
    void aModelFileThatIsAFifoIsRefusedWithoutOpeningIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OS.current() == OS.LINUX || OS.current() == OS.MAC);
        Path fifo = dir.resolve("pipe.onnx");
        assertTrue(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor() == 0, "mkfifo");
        ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readFails(fifo));
        assertMentions(e, "pipe.onnx", "not a regular file");
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }
}
