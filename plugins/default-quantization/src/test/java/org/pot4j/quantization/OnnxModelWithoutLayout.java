package org.pot4j.quantization;

import java.util.Map;
import java.util.Optional;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.quantization.QuantizerConstraints;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModel;

/**
 * Test double: an ONNX model whose editor skips {@link QuantizationEditor#finishQuantization()} (the QDQ layout for
 * ONNX Runtime), and, unless {@code constraints}, which offers no {@link QuantizerConstraints}, so DefaultQuantization
 * places and configures quantizers exactly as POT does (what pot4j wrote before the layout existed).
 */
final class OnnxModelWithoutLayout implements Model {
    private final OnnxModel model;
    private final boolean constraints;

    OnnxModelWithoutLayout(OnnxModel model, boolean constraints) {
        this.model = model;
        this.constraints = constraints;
    }

    /** The ONNX model itself. */
    OnnxModel onnx() {
        return model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public String format() {
        return model.format();
    }

    @Override
    public Graph graph() {
        return model.graph();
    }

    @Override
    public Model copy() {
        return new OnnxModelWithoutLayout((OnnxModel) model.copy(), constraints);
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        if (type == QuantizerConstraints.class && !constraints) {
            return Optional.empty();
        }
        if (type != QuantizationEditor.class) {
            return model.extension(type);
        }
        QuantizationEditor editor = model.extension(QuantizationEditor.class).orElseThrow();
        return Optional.of(type.cast(new QuantizationEditor() {
            @Override
            public void insertFakeQuantize(FakeQuantizeSpec spec) {
                editor.insertFakeQuantize(spec);
            }

            @Override
            public void replaceConstant(String node, Tensor value) {
                editor.replaceConstant(node, value);
            }

            @Override
            public int compressWeights() {
                return editor.compressWeights();
            }

            @Override
            public int foldConstants() {
                return editor.foldConstants();
            }

            @Override
            public int foldBatchNormalization() {
                return editor.foldBatchNormalization();
            }

            @Override
            public void setQuantizationInfo(Map<String, String> info) {
                editor.setQuantizationInfo(info);
            }
        }));
    }
}
