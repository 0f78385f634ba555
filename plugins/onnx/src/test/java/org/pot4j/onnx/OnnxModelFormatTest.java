package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.testkit.ModelFormatContractTest;
import org.pot4j.testkit.TestAssets;

/** The model format contract on MTCNN's O-Net, plus discovery and the model's extension lookup. */
class OnnxModelFormatTest extends ModelFormatContractTest {
    @Override
    protected ModelFormat format() {
        return new OnnxModelFormat();
    }

    @Override
    protected ModelSource sampleModel() {
        return ModelSource.of(TestAssets.require("onnx/mtcnn/onet.onnx"));
    }

    @Test
    void isFoundThroughServiceLoader() {
        boolean found = false;
        for (Pot4jPlugin p : ServiceLoader.load(Pot4jPlugin.class)) {
            found |= p.modelFormats().stream().anyMatch(f -> f.name().equals("onnx"));
        }
        assertTrue(found, "the onnx format is registered as a Pot4jPlugin service");
    }

    @Test
    void modelIsItsOwnExtensionAndCopiesAreIndependent() {
        OnnxModel model = new OnnxModelFormat().read(sampleModel());
        assertSame(model, model.extension(OnnxModel.class).orElseThrow());
        OnnxModel copy = model.copy();
        copy.setProto(copy.proto().toBuilder().setProducerName("edited").build());
        assertEquals("pytorch", model.proto().getProducerName());
        assertEquals("edited", copy.proto().getProducerName());
        assertEquals("onnx", model.format());
    }
}
