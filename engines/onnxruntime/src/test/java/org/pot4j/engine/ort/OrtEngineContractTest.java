package org.pot4j.engine.ort;

import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.EngineContractTest;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.RandomSamples;

/** The engine contract on MTCNN's O-Net with random 3x48x48 samples. */
class OrtEngineContractTest extends EngineContractTest {
    @Override
    protected EngineFactory factory() {
        return new OrtEngineFactory();
    }

    @Override
    protected Model model() {
        return new OnnxModelFormat().read(ModelSource.of(TestAssets.require("onnx/mtcnn/onet.onnx")));
    }

    @Override
    protected DataLoader dataLoader() {
        return new RandomSamples(4, 3, 48, 48);
    }
}
