package org.pot4j.api.quantization;

import java.util.Map;
import org.pot4j.api.tensor.Tensor;

/**
 * The per-format part of quantization: applies the edits an algorithm decides on the neutral graph to a model's
 * native document (FakeQuantize layers in IR, QuantizeLinear/DequantizeLinear pairs in ONNX). Obtained with
 * {@code model.extension(QuantizationEditor.class)}; it edits that model in place, so algorithms call it on a
 * {@link org.pot4j.api.model.Model#copy() copy}. The model's graph view reflects every edit.
 */
public interface QuantizationEditor {
    /**
     * Inserts a quantizer.
     *
     * @param spec the quantizer: where, for which consumers, with which levels and ranges
     * @throws IllegalArgumentException naming the node or port when the spec does not fit the model
     */
    void insertFakeQuantize(FakeQuantizeSpec spec);

    /**
     * Replaces the value of a constant node (a weight or bias); the value is converted to the constant's element
     * type and must have its shape.
     *
     * @param node  the name of the constant node
     * @param value its new value
     */
    void replaceConstant(String node, Tensor value);

    /**
     * Stores quantized weights as 8-bit integers (POT_SPEC §10: IR {@code i8 Const -> Convert -> [Subtract] ->
     * Multiply}; ONNX int8 initializers feeding DequantizeLinear), for every weight quantizer with 2 &lt; levels &lt;= 256.
     *
     * @return the number of weight tensors compressed
     */
    int compressWeights();

    /**
     * Folds every inference batch normalization that is the only reader of a convolution with constant weights into
     * that convolution's weights and bias; the convolution then produces the normalization's output (same tensor
     * name). OpenVINO's model conversion does this before POT sees a model; formats whose models can still hold such
     * pairs (ONNX) do it here so that a quantized convolution is not followed by a float normalization. The default
     * does nothing.
     *
     * @return the number of normalizations folded
     */
    default int foldBatchNormalization() {
        return 0;
    }

    /**
     * Folds what a model computes from its constants alone into constants of the format (ONNX: Constant nodes and
     * values computed from initializers, such as pads from Split -> Concat, become initializers), so that weights are
     * quantized and compressed wherever they are held and ops that need constant operands find them. The default
     * does nothing (IR models come folded from OpenVINO's conversion).
     *
     * @return the number of constants folded
     */
    default int foldConstants() {
        return 0;
    }

    /**
     * Called once after an algorithm's last edit of a model: the format lays its quantizers out the way the runtime
     * its models are deployed on executes them, without changing the values the model computes (ONNX: the
     * QuantizeLinear/DequantizeLinear units ONNX Runtime runs as integer kernels). The default does nothing.
     */
    default void finishQuantization() {
    }

    /**
     * Records how the model was quantized (IR {@code quantization_parameters}, ONNX {@code metadata_props}).
     *
     * @param info key-value facts about the quantization, as POT writes them ({@code version}, {@code config})
     */
    void setQuantizationInfo(Map<String, String> info);
}
