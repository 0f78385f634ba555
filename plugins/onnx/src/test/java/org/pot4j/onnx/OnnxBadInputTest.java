package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.testkit.TestAssets;

/** Bad input fails with a ModelFormatException naming the file and what is wrong. */
class OnnxBadInputTest {
    @TempDir
    Path dir;

    private ModelFormatException readFails(Path file) {
        return assertThrows(ModelFormatException.class, () -> new OnnxModelFormat().read(ModelSource.of(file)));
    }

    private static void assertMentions(ModelFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    private static OnnxTestModels tinyConv() {
        return OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y")
                .initializer("w", OnnxTestModels.ramp(2 * 2 * 3 * 3), 2, 2, 3, 3)
                .node("Conv", "conv", in("x", "w"), out("y"), OnnxTestModels.ints("pads", 1, 1, 1, 1));
    }

    @Test
    void notAProtobuf() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.onnx"), "this is a text file, not a model\n");
        assertMentions(readFails(f), "notes.onnx");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertMentions(readFails(f), "empty.onnx", "empty");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] whole = tinyConv().build().toByteArray();
        Path f = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length * 2 / 3));
        assertMentions(readFails(f), "cut.onnx", "truncated");
    }

    @Test
    void missingExternalData() throws IOException {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).addDims(3).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .build();
        Path f = OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y").initializer(w)
                .node("Conv", "conv", in("x", "w"), out("y")).write(dir.resolve("ext.onnx"));
        assertMentions(readFails(f), "ext.onnx", "weights.bin", "'w'", "missing");
    }

    @Test
    void unsupportedIrVersion() throws IOException {
        Path f = tinyConv().irVersion(99).write(dir.resolve("future.onnx"));
        assertMentions(readFails(f), "future.onnx", "IR version 99");
    }

    @Test
    void unsupportedOpset() throws IOException {
        OnnxTestModels m = OnnxTestModels.opset(3).input("x", 1, 2).output("y").node("Relu", "r", in("x"), out("y"));
        assertMentions(readFails(m.write(dir.resolve("old.onnx"))), "old.onnx", "opset 3");
    }

    @Test
    void valueUsedBeforeItIsProduced() throws IOException {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 2).output("y")
                .node("Relu", "r", in("nowhere"), out("y"));
        assertMentions(readFails(m.write(dir.resolve("dangling.onnx"))), "dangling.onnx", "'r'", "nowhere");
    }

    @Test
    void reshapeThatCannotWorkIsFoundStatically() throws IOException {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 6).output("y").longInitializer("shape", 1, 4)
                .node("Reshape", "bad_reshape", in("x", "shape"), out("y"));
        assertMentions(readFails(m.write(dir.resolve("reshape.onnx"))), "reshape.onnx", "bad_reshape", "[1,6]");
    }

    @Test
    void det2WhoseReshapeOnnxRuntimeRefuses() {
        Path det2 = TestAssets.require("onnx/mtcnn-caffe-transposed/det2.onnx");
        // prelu4's slope [128,1,1] broadcasts the [1,128] input to [128,1,128]; conv5-1's Reshape to [1,128] fails
        assertMentions(readFails(det2), "det2.onnx", "conv5-1_Reshape", "cannot reshape");
    }
}
