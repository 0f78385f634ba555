package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.view.OnnxOpMappers;
import org.pot4j.onnx.view.OnnxOpSchemas;

/**
 * Nodes of the ops pot4j maps are checked as ONNX's checker and ONNX Runtime check them (unknown or mistyped
 * attributes, missing required inputs, an op the opset does not have), and the window attributes of convolutions and
 * pools make sense; each is a ModelFormatException naming the file, the node and what is wrong, where before some
 * read "fine" with the wrong meaning.
 */
class OnnxNodeSchemaCheckTest {
    @TempDir
    Path dir;

    private ModelFormatException readFails(ModelProto m) throws IOException {
        Path file = Files.write(dir.resolve("model.onnx"), m.toByteArray());
        return assertThrows(ModelFormatException.class, () -> new OnnxModelFormat().read(ModelSource.of(file)));
    }

    private static void assertMentions(ModelFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    /** A Conv {@code conv} of {@code x} [1,2,4,4] with weights {@code w} [2,2,3,3], its attributes as given. */
    private static OnnxTestModels conv(String data, AttributeProto... attributes) {
        return OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y")
                .initializer("w", OnnxTestModels.ramp(2 * 2 * 3 * 3), 2, 2, 3, 3)
                .node("Conv", "conv", in(data, "w"), out("y"), attributes);
    }

    private static OnnxTestModels maxPool(AttributeProto... attributes) {
        return OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y")
                .node("MaxPool", "pool", in("x"), out("y"), attributes);
    }

    @Test
    void theTableHasEveryOpTheReaderMaps() {
        assertEquals(new TreeSet<>(OnnxOpMappers.standard().opTypes()), new TreeSet<>(OnnxOpSchemas.standard().opTypes()));
    }

    @Test
    void aConvWithoutDataInputNamesTheNode() throws IOException {
        // before: a NullPointerException from inside the Conv mapper
        assertMentions(readFails(conv("").build()), "model.onnx", "node 'conv'", "input 0 ('X')", "empty name");
    }

    @Test
    void aMisspeltAttributeIsAnError() throws IOException {
        // before: 'stzides' was ignored and the Conv ran at stride 1
        assertMentions(readFails(conv("x", ints("stzides", 2, 2)).build()), "model.onnx", "node 'conv'",
                "unknown attribute 'stzides'", "strides");
    }

    @Test
    void anAttributeOnAnOpWithoutAttributesIsAnError() throws IOException {
        ModelProto m = OnnxTestModels.opset(13).input("x", 1, 2).output("y")
                .node("Relu", "relu", in("x"), out("y"), intAttr("alpha", 1)).build();
        assertMentions(readFails(m), "node 'relu'", "unknown attribute 'alpha'", "no attributes");
    }

    @Test
    void anAttributeOfTheWrongTypeIsAnError() throws IOException {
        assertMentions(readFails(conv("x", intAttr("strides", 2)).build()), "node 'conv'", "'strides' is INT",
                "takes INTS");
    }

    @Test
    void anAttributeGivenTwiceIsAnError() throws IOException {
        assertMentions(readFails(conv("x", ints("strides", 2, 2), ints("strides", 1, 1)).build()), "node 'conv'",
                "'strides' is given twice");
    }

    @Test
    void anOpTheOpsetDoesNotHaveIsAnError() throws IOException {
        ModelProto m = OnnxTestModels.opset(13).input("x", 1, 2).output("y").node("Gelu", "gelu", in("x"), out("y"))
                .build();
        assertMentions(readFails(m), "node 'gelu'", "no Gelu in opset 13", "from opset 20");
    }

    @Test
    void tooManyInputsAreAnError() throws IOException {
        ModelProto m = OnnxTestModels.opset(13).input("x", 1, 2).output("y").node("Relu", "relu", in("x", "x"), out("y"))
                .build();
        assertMentions(readFails(m), "node 'relu'", "2 inputs", "Relu-");
    }

    @Test
    void aZeroKernelSizeNamesNodeAndAttribute() throws IOException {
        assertMentions(readFails(maxPool(ints("kernel_shape", 1, 0)).build()), "node 'pool'", "kernel_shape [1, 0]",
                "positive");
        assertMentions(readFails(conv("x", ints("kernel_shape", 1, 0)).build()), "node 'conv'", "kernel_shape [1, 0]",
                "positive");
    }

    @Test
    void aKernelShapeOtherThanTheWeightsIsAnError() throws IOException {
        assertMentions(readFails(conv("x", ints("kernel_shape", 1, 1)).build()), "node 'conv'", "kernel_shape [1, 1]",
                "[2,2,3,3]");
    }

    @Test
    void nonPositiveStridesAndDilationsAndNegativePadsNameNodeAndAttribute() throws IOException {
        assertMentions(readFails(conv("x", ints("strides", 1, 0)).build()), "node 'conv'", "strides [1, 0]", "positive");
        assertMentions(readFails(conv("x", ints("dilations", -1, 1)).build()), "node 'conv'", "dilations [-1, 1]",
                "positive");
        assertMentions(readFails(conv("x", ints("pads", 0, -1, 0, 0)).build()), "node 'conv'", "pads [0, -1, 0, 0]",
                "non-negative");
        assertMentions(readFails(maxPool(ints("kernel_shape", 2, 2), ints("strides", 0, 1)).build()), "node 'pool'",
                "strides [0, 1]", "positive");
    }

    @Test
    void aGroupBelowOneIsAnError() throws IOException {
        assertMentions(readFails(conv("x", intAttr("group", 0)).build()), "node 'conv'", "group 0");
    }

    @Test
    void aConstantWithTwoValuesIsAnError() throws IOException {
        ModelProto m = OnnxTestModels.opset(13).input("x", 1).output("y")
                .node("Constant", "c", in(), out("c"), OnnxTestModels.floatAttr("value_float", 1), intAttr("value_int", 2))
                .node("Add", "add", in("x", "c"), out("y")).build();
        assertMentions(readFails(m), "node 'c'", "one value", "value_float", "value_int");
    }

    @Test
    void twoImportsOfTheDefaultOpsetAreAnError() throws IOException {
        ModelProto m = OnnxTestModels.opset(13).input("x", 1, 2).output("y").node("Relu", "relu", in("x"), out("y"))
                .build().toBuilder()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx").setVersion(11)).build();
        assertMentions(readFails(m), "model.onnx", "imported 2 times", "'' version 13", "'ai.onnx' version 11");
    }
}
