package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.out;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * Initializers and Constant values as ONNX's checker has them: dims non-negative and of a product that fits,
 * values in exactly one place and as many as the dims say; each broken tensor is a ModelFormatException naming the
 * file and the tensor, found before its data is allocated.
 */
class OnnxTensorProtoCheckTest {
    @TempDir
    Path dir;

    private ModelFormatException readFails(OnnxTestModels m) throws IOException {
        Path file = m.write(dir.resolve("model.onnx"));
        return assertThrows(ModelFormatException.class, () -> new OnnxModelFormat().read(ModelSource.of(file)));
    }

    private static void assertMentions(ModelFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    /** A model adding initializer {@code b} to its input {@code x} [2]. */
    private static OnnxTestModels adding(TensorProto b) {
        return OnnxTestModels.opset(13).input("x", 2).output("y").initializer(b)
                .node("Add", "add", in("x", "b"), out("y"));
    }

    private static TensorProto.Builder floatTensor(String name, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    @Test
    void dimsWhoseProductOverflowsNameTheTensor() throws IOException {
        // 2^32 * 2^32 overflows a long: before, an ArithmeticException 'long overflow' left the reader
        TensorProto b = floatTensor("b", 4294967296L, 4294967296L).setRawData(ByteString.copyFrom(new byte[8])).build();
        assertMentions(readFails(adding(b)), "model.onnx", "'b'", "overflows");
    }

    @Test
    void dimsTooLargeToHoldAreRefusedBeforeAllocating() throws IOException {
        // 2^40 floats: no array holds them; before, the typed path allocated before counting the values
        TensorProto b = floatTensor("b", 1L << 40).addFloatData(1).build();
        assertMentions(readFails(adding(b)), "model.onnx", "'b'");
        TensorProto c = floatTensor("c", 600_000_000L).build(); // 2.4 GB of float_data that is not there
        assertMentions(readFails(adding(c)), "model.onnx", "'c'");
    }

    @Test
    void aNegativeDimNamesTheTensor() throws IOException {
        TensorProto b = floatTensor("b", -2).setRawData(ByteString.copyFrom(new byte[8])).build();
        assertMentions(readFails(adding(b)), "model.onnx", "'b'", "negative dimension -2");
    }

    @Test
    void aNegativeDimOfAConstantNodeNamesTheTensor() throws IOException {
        TensorProto b = floatTensor("", -2).addFloatData(1).addFloatData(2).build();
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 2).output("y").constantNode("b", b)
                .node("Add", "add", in("x", "b"), out("y"));
        assertMentions(readFails(m), "model.onnx", "b_node", "negative dimension -2");
    }

    @Test
    void rawDataOfTheWrongLengthNamesTheTensor() throws IOException {
        TensorProto b = floatTensor("b", 2).setRawData(ByteString.copyFrom(new byte[7])).build();
        assertMentions(readFails(adding(b)), "model.onnx", "'b'", "needs 8 bytes", "found 7");
    }

    @Test
    void rawDataTogetherWithFloatDataIsRefused() throws IOException {
        // before: raw_data won silently and float_data was ignored
        TensorProto b = floatTensor("b", 2).setRawData(ByteString.copyFrom(new byte[8]))
                .addFloatData(5).addFloatData(6).build();
        assertMentions(readFails(adding(b)), "model.onnx", "'b'", "raw_data and float_data");
    }

    @Test
    void twoTypedFieldsAreRefused() throws IOException {
        TensorProto b = floatTensor("b", 2).addFloatData(5).addFloatData(6).addInt32Data(1).addInt32Data(2).build();
        assertMentions(readFails(adding(b)), "model.onnx", "'b'", "float_data and int32_data");
    }
}
