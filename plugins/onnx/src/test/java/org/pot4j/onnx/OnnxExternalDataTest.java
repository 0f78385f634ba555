package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/** Tensors in external data files are read from beside the model and written back beside the copy. */
class OnnxExternalDataTest {
    @TempDir
    Path dir;

    @Test
    void externalWeightsAreReadAndWrittenBeside() throws IOException {
        float[] weights = OnnxTestModels.ramp(2 * 2 * 3 * 3);
        ByteBuffer b = ByteBuffer.allocate(64 + 4 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
        b.position(64); // data at an offset, as ONNX's external data writer aligns it
        for (float f : weights) {
            b.putFloat(f);
        }
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("weights.bin"), b.array());
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).addDims(3).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", "weights.bin"))
                .addExternalData(entry("offset", "64"))
                .addExternalData(entry("length", Integer.toString(4 * weights.length)))
                .build();
        Path model = OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y").initializer(w)
                .node("Conv", "conv", in("x", "w"), out("y")).write(src.resolve("ext.onnx"));

        OnnxModelFormat format = new OnnxModelFormat();
        OnnxModel read = format.read(ModelSource.of(model));
        assertArrayEquals(weights, read.graph().requireNode("w").constantValue().orElseThrow().toFloatArray());

        List<Path> written = format.write(read, dir.resolve("out"), "copy");
        assertEquals(List.of(dir.resolve("out/copy.onnx"), dir.resolve("out/weights.bin")), written);
        OnnxModel again = format.read(ModelSource.of(written.get(0)));
        assertEquals(read.proto(), again.proto());
        assertArrayEquals(weights, again.graph().requireNode("w").constantValue().orElseThrow().toFloatArray());
        assertTrue(again.selfContainedProto().getGraph().getInitializer(0).hasRawData(), "inlined for runtimes");
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }
}
