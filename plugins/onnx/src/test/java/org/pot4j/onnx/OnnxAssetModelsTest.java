package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.testkit.GraphFingerprint;
import org.pot4j.testkit.TestAssets;

/** Every ONNX model of the shared assets (but the broken det2.onnx) reads, maps every op, and round-trips unchanged. */
class OnnxAssetModelsTest {
    /** The OpenVINO-spelled kinds the view may contain; anything else would be an unmapped ONNX op. */
    private static final Set<String> CUSTOM_OPS = Set.of("ShapeIndexPatch");

    @TempDir
    Path tempDir;

    static Stream<String> models() {
        return Stream.of(
                "onnx/mtcnn/pnet.onnx", "onnx/mtcnn/rnet.onnx", "onnx/mtcnn/onet.onnx",
                "onnx/mtcnn-caffe-transposed/optimaizer_pnet.onnx", "onnx/mtcnn-caffe-transposed/optimaizer_rnet.onnx",
                "onnx/mtcnn-caffe-transposed/optimaizer_onet.onnx",
                "onnx/seetaface2/pnet.onnx", "onnx/seetaface2/rnet.onnx", "onnx/seetaface2/onet.onnx",
                "onnx/seetaface2/Points5_Net_all.onnx",
                "onnx/blazeface/face_detection_front_128x128_barracuda.onnx",
                "onnx/blazeface/face_detection_back_256x256_barracuda.onnx",
                "onnx/ultraface/version-RFB-320.onnx", "onnx/ultraface/version-slim-320.onnx",
                "onnx/ultraface/version-RFB-640.onnx",
                "onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx",
                "onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128_quant.onnx",
                "ir/open-closed-eye-0001/open-closed-eye.onnx");
    }

    @ParameterizedTest
    @MethodSource("models")
    void readWriteReadChangesNothing(String relative) throws IOException {
        Path file = TestAssets.require(relative);
        OnnxModelFormat format = new OnnxModelFormat();
        OnnxModel model = format.read(ModelSource.of(file));
        List<Path> written = format.write(model, tempDir, "copy");
        OnnxModel again = format.read(ModelSource.of(written.get(0)));
        assertEquals(model.proto(), again.proto(), "ModelProto changed by a round trip of " + file);
        assertEquals(ModelProto.parseFrom(Files.readAllBytes(file)), again.proto(), "differs from the file's own parse");
        assertEquals(GraphFingerprint.of(model.graph()), GraphFingerprint.of(again.graph()));
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyOpMapsToAnOpenVinoKind(String relative) {
        Path file = TestAssets.require(relative);
        Graph g = new OnnxModelFormat().read(ModelSource.of(file)).graph();
        Set<String> unmapped = new TreeSet<>();
        for (Node n : g.nodes()) {
            if (n.kind().equals(n.nativeType()) && !isOpenVinoKind(n.kind()) && !CUSTOM_OPS.contains(n.kind())) {
                unmapped.add(n.kind());
            }
        }
        assertTrue(unmapped.isEmpty(), "ops kept under their ONNX name: " + unmapped);
        assertFalse(g.parameters().isEmpty());
        assertFalse(g.results().isEmpty());
    }

    private static boolean isOpenVinoKind(String kind) {
        for (java.lang.reflect.Field f : OpKinds.class.getFields()) {
            try {
                if (kind.equals(f.get(null))) {
                    return true;
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return false;
    }
}
