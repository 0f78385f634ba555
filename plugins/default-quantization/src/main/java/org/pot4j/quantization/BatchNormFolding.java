package org.pot4j.quantization;

import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;

/** The preparation both DefaultQuantization steps share: batch normalizations folded into their convolutions. */
final class BatchNormFolding {
    private static final System.Logger LOG = System.getLogger(BatchNormFolding.class.getName());

    private BatchNormFolding() {
    }

    /** A copy with the folds made, or {@code model} itself when there is nothing to fold. */
    static Model prepare(Model model, String algorithm) {
        // both DefaultQuantization steps prepare the model: copy it only when there is a normalization to fold
        if (model.isCascade() || model.graph().nodes().stream().noneMatch(n -> OpKinds.BATCH_NORM.equals(n.kind()))) {
            return model;
        }
        Model copy = model.copy();
        int folded = copy.extension(QuantizationEditor.class).map(QuantizationEditor::foldBatchNormalization).orElse(0);
        if (folded == 0) {
            return model;
        }
        LOG.log(System.Logger.Level.INFO, "{0}: {1} batch normalizations folded into the convolutions before them",
                algorithm, folded);
        return copy;
    }
}
