package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.ir.IrBuilder.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Shape;
import org.pot4j.ir.IrBuilder.Out;
import org.pot4j.ir.shape.IrShapeInference;

/**
 * Declared port shapes and element types are checked when an IR is read: a wrong one is refused naming the layer,
 * the port, the declared and the inferred shape, instead of being copied into every model written from it.
 */
class IrDeclaredShapesTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    private String fail(Path xml) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> format.read(ModelSource.of(xml)));
        assertTrue(e.getMessage().startsWith(xml.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void theZooReadsWithEveryShapeAsOpenVinoInfersIt() throws IOException {
        IrModel model = format.read(ModelSource.of(IrZoo.build(new IrBuilder.Weights()).write(dir)));
        IrZoo.expectedShapes().forEach((layer, shape) -> assertEquals(Shape.of(shape),
                model.graph().requireNode(layer).output(0).shape(), layer));
    }

    static Stream<String> checkedLayers() {
        return IrZoo.expectedShapes().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("checkedLayers")
    void aWrongDeclaredOutputNamesTheLayerThePortAndBothShapes(String layer) throws IOException {
        long[] correct = IrZoo.expectedShapes().get(layer);
        long[] wrong = correct.clone();
        wrong[wrong.length - 1]++;
        String m = fail(IrZoo.build(new IrBuilder.Weights(), layer).write(dir));
        assertMentions(m, " layer '" + layer + "' (id ", "output port", "declares " + Shape.of(wrong),
                "give " + Shape.of(correct));
    }

    @Test
    void aByteFlipInTheParameterDimsIsCaughtByItsShapeAttribute() throws IOException {
        // "4" (0x34) -> "5" (0x35) in the last dim of the Parameter's output port
        String xml = TinyIr.XML.replace("<dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim>\n",
                "<dim>1</dim><dim>2</dim><dim>4</dim><dim>5</dim>\n");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "Parameter layer 'data' (id 0, line 4)",
                "output port 0 declares [1,2,4,5] but its shape attribute says [1,2,4,4]");
    }

    @Test
    void aByteFlipInAnInputPortIsCaughtAgainstItsProducer() throws IOException {
        String xml = TinyIr.XML.replace("<port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim>",
                "<port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>2</dim><dim>4</dim><dim>6</dim>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "Convolution layer 'conv' (id 2, line 18)",
                "input port 0 declares [1,2,4,6] but Parameter layer 'data' (id 0) output port 0 gives [1,2,4,4]");
    }

    @Test
    void aHugeConvolutionOutputDimIsRefused() throws IOException {
        String xml = TinyIr.XML.replace("names=\"conv:0\"><dim>1</dim><dim>3</dim><dim>4</dim><dim>4</dim>",
                "names=\"conv:0\"><dim>1</dim><dim>3</dim><dim>4</dim><dim>999999999</dim>");
        // the Result's input port agrees with it, so the Convolution is the one to blame
        xml = xml.replace("<port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>3</dim><dim>4</dim><dim>4</dim></port>",
                "<port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>3</dim><dim>4</dim><dim>999999999</dim></port>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "Convolution layer 'conv' (id 2, line 18)",
                "output port 2 declares [1,3,4,999999999] but the inputs [[1,2,4,4], [3,2,1,1]] give [1,3,4,4]");
    }

    @Test
    void anUnknownParameterElementTypeNamesTheLayer() throws IOException {
        String xml = TinyIr.XML.replace("<data shape=\"1,2,4,4\" element_type=\"f32\"/>",
                "<data shape=\"1,2,4,4\" element_type=\"f33\"/>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "Parameter layer 'data' (id 0, line 4)",
                "unknown element type 'f33' in element_type");
    }

    @Test
    void aParameterElementTypeOtherThanItsPortPrecisionIsRefused() throws IOException {
        String xml = TinyIr.XML.replace("<data shape=\"1,2,4,4\" element_type=\"f32\"/>",
                "<data shape=\"1,2,4,4\" element_type=\"i32\"/>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "Parameter layer 'data' (id 0",
                "element_type i32 but output port 0 says FP32");
    }

    @Test
    void anUnknownConvertDestinationTypeNamesTheLayer() throws IOException {
        IrBuilder b = new IrBuilder("convert");
        Out in = b.parameter("data", 1, 4);
        Out cvt = b.op("Convert", "to_half", data("destination_type", "f61"), List.of(in), 1, 4);
        b.result("out", cvt);
        assertMentions(fail(b.write(dir)), "Convert layer 'to_half' (id 1", "unknown element type 'f61' in destination_type");
    }

    @Test
    void channelsThatDoNotMatchTheWeightsAreNamed() throws IOException {
        IrBuilder b = new IrBuilder("conv");
        Out conv = b.op("Convolution", "conv", data("strides", "1,1", "pads_begin", "0,0", "pads_end", "0,0"),
                List.of(b.parameter("data", 1, 2, 4, 4), b.f32("w", 3, 5, 1, 1)), 1, 3, 4, 4);
        b.result("out", conv);
        assertMentions(fail(b.write(dir)), "Convolution layer 'conv' (id 2",
                "data [1,2,4,4] has 2 channels but the weights [3,5,1,1] expect 5");
    }

    @Test
    void shapesThatDoNotBroadcastAreNamed() throws IOException {
        IrBuilder b = new IrBuilder("add");
        Out add = b.op("Add", "add", Map.of(), List.of(b.parameter("data", 1, 3, 4, 4), b.f32("k", 1, 2, 1, 1)), 1, 3, 4, 4);
        b.result("out", add);
        assertMentions(fail(b.write(dir)), "Add layer 'add' (id 2", "shapes [1,3,4,4] and [1,2,1,1] do not broadcast");
    }

    @Test
    void aReshapeThatChangesTheElementCountIsNamed() throws IOException {
        IrBuilder b = new IrBuilder("reshape");
        Out r = b.op("Reshape", "r", data("special_zero", "false"), List.of(b.parameter("data", 1, 3, 4, 4),
                b.i64("target", 1, 50)), 1, 50);
        b.result("out", r);
        assertMentions(fail(b.write(dir)), "Reshape layer 'r' (id 2", "cannot reshape [1,3,4,4] (48 elements) to [1, 50]");
    }

    @Test
    void aReshapeWithAComputedTargetIsNotInferred() throws IOException {
        // the target comes from ShapeOf, not a Const: nothing to compare, whatever the declared output says
        IrBuilder b = new IrBuilder("reshape");
        Out in = b.parameter("data", 1, 3, 4, 4);
        Out shape = b.op("ShapeOf", "shape", Map.of(), List.of(in), 4);
        Out r = b.op("Reshape", "r", data("special_zero", "false"), List.of(in, shape), 1, 3, 4, 4);
        b.result("out", r);
        assertEquals(4, format.read(ModelSource.of(b.write(dir))).graph().nodes().size());
    }

    @Test
    void dynamicDimsAreCompatibleWithAnyInferredDim() throws IOException {
        String xml = TinyIr.XML.replace("names=\"conv:0\"><dim>1</dim><dim>3</dim><dim>4</dim><dim>4</dim>",
                "names=\"conv:0\"><dim>?</dim><dim>3</dim><dim>-1</dim><dim>1..8</dim>");
        xml = xml.replace("<port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>3</dim><dim>4</dim><dim>4</dim></port>",
                "<port id=\"0\" precision=\"FP32\"><dim>-1</dim><dim>3</dim><dim>-1</dim><dim>-1</dim></port>");
        assertEquals(4, format.read(ModelSource.of(TinyIr.write(dir, xml, TinyIr.weights()))).graph().nodes().size());
    }

    @Test
    void theReadmeListsEveryCheckedOp() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("## Shape checks");
        assertTrue(from >= 0, "README has a '## Shape checks' section");
        String section = readme.substring(from, readme.indexOf("\n## ", from + 1));
        List<String> missing = IrShapeInference.CHECKED.stream().filter(op -> !section.contains(op)).toList();
        assertTrue(missing.isEmpty(), "README's shape checks do not list " + missing + " (listed in code: "
                + Arrays.toString(IrShapeInference.CHECKED.toArray()) + ")");
    }
}
