package org.pot4j.core.model;

import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;

/** POT's {@code compress_model_weights}: quantized weights stored as int8 in every stage of a model. */
public final class ModelWeights {
    private ModelWeights() {
    }

    /**
     * Replaces the weights behind each weight quantizer by their int8 (or int4) values and a dequantization, in
     * place, in every stage of a cascade.
     *
     * @param model a model or a cascade, usually the result of a pipeline
     * @return the number of weight tensors compressed
     * @throws ModelFormatException naming the model whose format cannot compress weights
     */
    public static int compress(Model model) {
        if (model.isCascade()) {
            int total = 0;
            for (Model stage : model.subModels()) {
                total += compress(stage);
            }
            return total;
        }
        return model.extension(QuantizationEditor.class)
                .orElseThrow(() -> new ModelFormatException("model '" + model.name() + "' in format '" + model.format()
                        + "' cannot compress its weights (the format offers no quantization editor)"))
                .compressWeights();
    }
}
