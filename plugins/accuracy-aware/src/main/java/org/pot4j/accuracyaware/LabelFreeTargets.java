package org.pot4j.accuracyaware;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pot4j.api.error.DataException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;

/**
 * The tensors the label-free mode compares with the FP32 model's. A model output is compared as it is, unless it is
 * computed through a post-processing op whose output order is not comparable element-wise ({@link #POST_PROCESSING}:
 * a detection list sorted by score and thinned by non-maximum suppression, where a small change of one score swaps
 * or drops whole rows). Such an output is replaced by the data inputs of the nearest such ops above it: for an SSD's
 * DetectionOutput, its box regressions and class confidences. Inputs whose value does not depend on the data (priors
 * from PriorBox, thresholds, anything computed from constants and shapes alone) are left out: they are the same in
 * every model.
 *
 * <p>DetectionOutput's class confidences are compared without the background class ({@code background_label_id}):
 * after a softmax over two classes the background column is 1 - face, so it repeats the face column's information
 * while its values near 1 on every prior swamp the NMSE's denominator (on face-detection-retail-0005 the whole
 * tensor's NMSE came out about 200 times smaller than the face column's and the box regressions').
 *
 * <p>Each tensor is named by the input of the node that reads it ({@link Tap}), not by its producer, so that it is
 * found again in a quantized model where a quantizer may have been inserted in front of that input.
 *
 * @param taps the compared tensors, in graph order; an output compared as it is is input 0 of its Result
 */
record LabelFreeTargets(List<Tap> taps) {
    /** Ops whose outputs are sorted, selected or suppressed lists (OpenVINO and ONNX spellings). */
    static final Set<String> POST_PROCESSING = Set.of(OpKinds.DETECTION_OUTPUT, "NonMaxSuppression",
            "MulticlassNms", "MatrixNms", "TopK", "Proposal", "ExperimentalDetectronDetectionOutput",
            "ExperimentalDetectronGenerateProposalsSingleImage", "ExperimentalDetectronTopKROIs");
    /** Ops whose output depends on the shape of their input only. */
    private static final Set<String> SHAPE_ONLY = Set.of(OpKinds.SHAPE_OF, "Size");

    LabelFreeTargets {
        taps = List.copyOf(taps);
    }

    /**
     * One compared tensor: what feeds input {@code input} of node {@code node}, all of it or without one class.
     *
     * @param node       the reading node's name (a post-processing op or a Result)
     * @param kind       its kind, for messages
     * @param input      its input port
     * @param classes    the number of classes when the values are per prior and class (class fastest), else 0
     * @param background the class left out when {@code classes > 0}
     */
    record Tap(String node, String kind, int input, int classes, int background) {
        /** A tensor compared whole. */
        Tap(String node, String kind, int input) {
            this(node, kind, input, 0, -1);
        }

        /** {@return the compared values of one sample: all, or all but the background class's} */
        float[] select(float[] values) {
            if (classes <= 0 || values.length % classes != 0) {
                return values;
            }
            float[] out = new float[values.length / classes * (classes - 1)];
            int at = 0;
            for (int i = 0; i < values.length; i++) {
                if (i % classes != background) {
                    out[at++] = values[i];
                }
            }
            return out;
        }

        /**
         * The producer of this tensor in {@code graph}.
         *
         * @throws DataException when the graph has no such node or input
         */
        PortRef port(Graph graph, String model) {
            Node reader = graph.node(node).orElseThrow(() -> new DataException("label-free mode: model '" + model
                    + "' has no node '" + node + "' (" + kind + "), whose input " + input + " the FP32 model was "
                    + "compared on"));
            if (input >= reader.inputCount() || reader.input(input).isEmpty()) {
                throw new DataException("label-free mode: " + this + " of model '" + model + "' is not connected");
            }
            return reader.input(input).get();
        }

        boolean isOutput() {
            return OpKinds.RESULT.equals(kind);
        }

        @Override
        public String toString() {
            return kind + " '" + node + "' input " + input + (classes > 0 ? " (without class " + background + " of "
                    + classes + ")" : "");
        }
    }

    /** The compared tensors of {@code graph}: its outputs, with post-processed ones replaced as the class says. */
    static LabelFreeTargets of(Graph graph) {
        Set<String> data = dataDependent(graph);
        Set<String> postProcessing = new HashSet<>();
        List<Tap> outputs = new ArrayList<>();
        for (Node result : graph.results()) {
            Set<String> above = postProcessingAbove(graph, result, data);
            if (above.isEmpty()) {
                outputs.add(new Tap(result.name(), result.kind(), 0));
            }
            postProcessing.addAll(above);
        }
        Set<Tap> taps = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            if (postProcessing.contains(n.name())) {
                for (int i = 0; i < n.inputCount(); i++) {
                    int port = i;
                    n.input(i).filter(in -> data.contains(in.node())).ifPresent(in -> taps.add(tap(graph, n, port)));
                }
            }
        }
        taps.addAll(outputs);
        return new LabelFreeTargets(new ArrayList<>(taps));
    }

    /** Input {@code port} of {@code op}; DetectionOutput's confidences (input 1) without the background class. */
    private static Tap tap(Graph graph, Node op, int port) {
        if (!OpKinds.DETECTION_OUTPUT.equals(op.kind()) || port != 1) {
            return new Tap(op.name(), op.kind(), port);
        }
        long background = op.attributes().longValue("background_label_id", 0);
        long classes = op.attributes().longValue("num_classes", -1);
        if (classes <= 0) {
            classes = classesFromShapes(graph, op);
        }
        if (classes < 2 || background < 0 || background >= classes) {
            return new Tap(op.name(), op.kind(), port);
        }
        return new Tap(op.name(), op.kind(), port, (int) classes, (int) background);
    }

    /**
     * DetectionOutput-8 has no {@code num_classes}: with shared locations its box regressions hold 4 values per prior,
     * so the classes are the confidences per prior. -1 when the shapes do not tell.
     */
    private static long classesFromShapes(Graph graph, Node op) {
        if (!op.attributes().booleanValue("share_location", true) || op.input(0).isEmpty()
                || op.input(1).isEmpty()) {
            return -1;
        }
        long loc = perSample(graph.outputPort(op.input(0).get()).shape());
        long conf = perSample(graph.outputPort(op.input(1).get()).shape());
        return loc <= 0 || conf <= 0 || loc % 4 != 0 || conf % (loc / 4) != 0 ? -1 : conf / (loc / 4);
    }

    private static long perSample(org.pot4j.api.tensor.Shape shape) {
        long n = 1;
        for (int axis = 1; axis < shape.rank(); axis++) {
            if (shape.dim(axis) < 0) {
                return -1;
            }
            n *= shape.dim(axis);
        }
        return shape.rank() < 2 ? -1 : n;
    }

    /** {@return true when some compared tensor is not a model output (the model has post-processing)} */
    boolean postProcessed() {
        return taps.stream().anyMatch(t -> !t.isOutput());
    }

    /** {@return the taps' producers in {@code graph}, in tap order} */
    List<PortRef> ports(Graph graph, String model) {
        return taps.stream().map(t -> t.port(graph, model)).toList();
    }

    /** Nodes whose values depend on the values (not only the shapes) of the model inputs. */
    private static Set<String> dataDependent(Graph graph) {
        Set<String> out = new HashSet<>();
        for (Node n : graph.nodes()) {
            if (OpKinds.PARAMETER.equals(n.kind())) {
                out.add(n.name());
            } else if (!SHAPE_ONLY.contains(n.kind()) && n.inputs().stream().anyMatch(in -> out.contains(in.node()))) {
                out.add(n.name());
            }
        }
        return out;
    }

    /** The post-processing ops {@code result} is computed through, the nearest on each data path. */
    private static Set<String> postProcessingAbove(Graph graph, Node result, Set<String> data) {
        Set<String> found = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(result);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (!seen.add(n.name())) {
                continue;
            }
            if (POST_PROCESSING.contains(n.kind())) {
                found.add(n.name());
                continue;
            }
            for (PortRef in : n.inputs()) {
                if (data.contains(in.node())) {
                    stack.push(graph.requireNode(in.node()));
                }
            }
        }
        return found;
    }
}
