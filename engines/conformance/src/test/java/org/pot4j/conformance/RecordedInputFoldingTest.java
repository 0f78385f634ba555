package org.pot4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto.DataType;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;

/** Which recorded inputs become initializers, on small hand-made cases written to a temporary folder. */
class RecordedInputFoldingTest {
    @TempDir
    Path dir;

    @Test
    void integerSliceBoundsAndClipLimitsAreFoldedButDataIsNot() throws IOException {
        // x -> Slice(x, starts, ends) -> Clip(., lo, hi) -> y; ends also feeds Add as data, so it stays an input
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addNode(NodeProto.newBuilder().setOpType("Slice").addInput("x").addInput("starts").addInput("ends")
                        .addOutput("s"))
                .addNode(NodeProto.newBuilder().setOpType("Clip").addInput("s").addInput("lo").addInput("hi")
                        .addOutput("y"))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("ends").addInput("ends").addOutput("z"));
        for (String name : List.of("x", "starts", "ends", "lo", "hi")) {
            g.addInput(ValueInfoProto.newBuilder().setName(name));
        }
        OnnxNodeCase c = write(g.build(), List.of(floats(1, 2, 3), longs(0), longs(2), floats(1), floats(2)));

        Optional<RecordedInputFolding.Folded> folded = RecordedInputFolding.fold(c, dir);

        assertTrue(folded.isPresent());
        assertEquals(Set.of("starts", "lo", "hi"), folded.get().folded());
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(folded.get().model()));
        assertEquals(List.of("x", "ends"), m.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("starts", "lo", "hi"),
                m.getGraph().getInitializerList().stream().map(TensorProto::getName).toList());
        assertTrue(m.getIrVersion() >= 4, "initializers outside the input list need IR 4");
    }

    @Test
    void aCaseWithoutShapeLikeInputsIsNotFolded() throws IOException {
        GraphProto g = GraphProto.newBuilder().setName("g")
                .addNode(NodeProto.newBuilder().setOpType("Slice").addInput("x").addInput("starts").addInput("ends")
                        .addOutput("y"))
                .addInput(ValueInfoProto.newBuilder().setName("x")).addInput(ValueInfoProto.newBuilder().setName("starts"))
                .addInput(ValueInfoProto.newBuilder().setName("ends")).build();
        // float bounds are not shape-like values: nothing to fold
        OnnxNodeCase c = write(g, List.of(floats(1, 2), floats(0), floats(1)));
        assertTrue(RecordedInputFolding.fold(c, dir).isEmpty());
    }

    private OnnxNodeCase write(GraphProto graph, List<TensorProto> inputs) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("test_case"));
        Path data = Files.createDirectories(folder.resolve("test_data_set_0"));
        ModelProto model = ModelProto.newBuilder().setIrVersion(3)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build();
        try (OutputStream out = Files.newOutputStream(folder.resolve("model.onnx"))) {
            model.writeTo(out);
        }
        for (int i = 0; i < inputs.size(); i++) {
            try (OutputStream out = Files.newOutputStream(data.resolve("input_" + i + ".pb"))) {
                inputs.get(i).writeTo(out);
            }
        }
        return OnnxNodeCase.in(folder);
    }

    private static TensorProto floats(float... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(DataType.FLOAT_VALUE).addDims(v.length);
        for (float f : v) {
            t.addFloatData(f);
        }
        return t.build();
    }

    private static TensorProto longs(long... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(DataType.INT64_VALUE).addDims(v.length);
        for (long l : v) {
            t.addInt64Data(l);
        }
        return t.build();
    }
}
