package org.pot4j.quantization;

import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;

/**
 * The preparation both DefaultQuantization steps share: constants the model computes from constants alone folded
 * ({@link QuantizationEditor#foldConstants}: ONNX Constant-node weights, pads computed by Split -> Concat), then batch
 * normalizations folded into their convolutions.
 */
final class BatchNormFolding {
    private static final System.Logger LOG = System.getLogger(BatchNormFolding.class.getName());

    private BatchNormFolding() {
    }

    /** A copy with the folds made, or {@code model} itself when there is nothing to fold. */
    static Model prepare(Model model, String algorithm) {
        // both DefaultQuantization steps prepare the model: copy it only when there may be something to fold
        if (model.isCascade() || !hasBatchNorm(model.graph()) && !hasComputedConstants(model.graph())) {
            return model;
        }
        Model copy = model.copy();
        QuantizationEditor editor = copy.extension(QuantizationEditor.class).orElse(null);
        if (editor == null) {
            return model;
        }
        int constants = editor.foldConstants();
        int folded = hasBatchNorm(copy.graph()) ? editor.foldBatchNormalization() : 0;
        if (constants == 0 && folded == 0) {
            return model;
        }
        if (folded > 0) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1} batch normalizations folded into the convolutions before them",
                    algorithm, folded);
        }
        return copy;
    }

    private static boolean hasBatchNorm(Graph g) {
        return g.nodes().stream().anyMatch(n -> OpKinds.BATCH_NORM.equals(n.kind()));
    }

    /** A node computing a value from constants alone, or a constant held in a node (ONNX {@code Constant}). */
    private static boolean hasComputedConstants(Graph g) {
        java.util.Set<String> constants = new java.util.HashSet<>();
        for (Node n : g.nodes()) {
            if (n.isConstant()) {
                constants.add(n.name());
                if ("Constant".equals(n.nativeType())) {
                    return true;
                }
                continue;
            }
            if (n.inputCount() == 0 || OpKinds.PARAMETER.equals(n.kind())) {
                continue;
            }
            boolean all = true;
            for (PortRef in : n.inputs()) {
                all &= constants.contains(in.node());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
