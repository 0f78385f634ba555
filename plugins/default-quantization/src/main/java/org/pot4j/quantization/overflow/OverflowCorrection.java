package org.pot4j.quantization.overflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.quantization.DefaultQuantizationParameters;
import org.pot4j.quantization.placement.GraphFacts;
import org.pot4j.quantization.statistics.StatisticKey;
import org.pot4j.quantization.statistics.StatisticKeys;

/**
 * POT's OverflowCorrection (POT_SPEC §9.3), the last step for target device GNA: on the quantized model, for every
 * weighted op whose weight FakeQuantize has more than 255 levels (GNA's 16-bit weights), the largest int32
 * accumulator value is estimated as {@code m = int(max|out| / (in_scale * w_scale))} from the per-tensor abs max of
 * the op's output (its bias Add's output when it has one, the largest over all samples), the weight step
 * {@code w_scale = max((oh - ol) / (L - 1))} and the largest step of the activation FakeQuantizes above its input
 * {@code in_scale}. When {@code m > 2^31 - 1} the weights are divided by {@code r = m / (2^31 - 1)} and the weight
 * FakeQuantize's output range multiplied by it: the quantizer sees {@code W / r} through its unchanged input range, so
 * its integer levels shrink by {@code r} while the dequantized weights stay about {@code W}.
 */
public final class OverflowCorrection implements Algorithm {
    public static final String NAME = "OverflowCorrection";
    /** {@code np.iinfo(np.int32).max}. */
    public static final long INT32_MAX = Integer.MAX_VALUE;
    private static final System.Logger LOG = System.getLogger(OverflowCorrection.class.getName());
    private static final ActivationStatistic MAX_PER_TENSOR =
            ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR, Aggregator.MAX).withName("max_per_tensor");
    /** Ops an activation passes through unchanged in value on its way up to its FakeQuantize. */
    private static final Set<String> AGNOSTIC = Set.of(OpKinds.RESHAPE, OpKinds.SQUEEZE, OpKinds.UNSQUEEZE,
            OpKinds.FLATTEN, OpKinds.TRANSPOSE, OpKinds.CONCAT, OpKinds.SPLIT, OpKinds.VARIADIC_SPLIT,
            OpKinds.STRIDED_SLICE, OpKinds.MAX_POOL, OpKinds.REDUCE_MAX, OpKinds.PAD, OpKinds.GATHER, "Tile",
            "Broadcast", "Crop", "DepthToSpace", "ShuffleChannels");

    private final DefaultQuantizationParameters params;

    public OverflowCorrection(DefaultQuantizationParameters params) {
        this.params = params;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StatisticsPlan statistics(Model model) {
        List<Target> targets = targets(model.graph());
        if (targets.isEmpty()) {
            return StatisticsPlan.NONE;
        }
        StatisticKeys keys = new StatisticKeys();
        targets.forEach(t -> keys.addAll(List.of(t.output())));
        return new StatisticsPlan(keys.request(), params.statSubsetSize(), params.statBatchSize(), params.shuffleSeed());
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        List<Target> targets = targets(model.graph());
        if (targets.isEmpty()) {
            return model;
        }
        Model copy = model.copy();
        QuantizationEditor editor = copy.extension(QuantizationEditor.class).orElseThrow(() -> new AlgorithmException(
                NAME + ": models of format '" + model.format() + "' cannot be edited (no QuantizationEditor)"));
        Graph g = model.graph();
        int corrected = 0;
        for (Target t : targets) {
            double maxOut = max(t.output().in(statistics).toDoubleArray());
            double r = rescale(maxOut, t.inScale(), t.weightScale());
            if (r <= 1) {
                continue;
            }
            Node weights = g.requireNode(t.weights());
            float[] w = weights.constantValue().orElseThrow().toFloatArray();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (w[i] / r);
            }
            editor.replaceConstant(weights.name(), Tensor.ofFloats(weights.output(0).shape(), w));
            Node fq = g.requireNode(t.weightQuantizer());
            for (int port = 3; port <= 4; port++) {
                Node range = g.producer(fq, port).orElseThrow();
                float[] v = range.constantValue().orElseThrow().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (v[i] * r);
                }
                editor.replaceConstant(range.name(), Tensor.ofFloats(range.output(0).shape(), v));
            }
            corrected++;
            LOG.log(System.Logger.Level.INFO, "{0}: weights of {1} divided by {2} (largest accumulator {3} > 2^31-1)",
                    NAME, t.op(), r, Math.floor(maxOut / (t.inScale() * t.weightScale())));
        }
        LOG.log(System.Logger.Level.INFO, "{0}: {1} of {2} 16-bit weighted ops rescaled", NAME, corrected,
                targets.size());
        return corrected == 0 ? model : copy;
    }

    /**
     * POT's rescale factor: {@code m = int(maxAbsOut / (inScale * weightScale))}; {@code m / (2^31 - 1)} when
     * {@code m > 2^31 - 1}, else 1 (nothing to do).
     */
    public static double rescale(double maxAbsOut, double inScale, double weightScale) {
        double m = Math.floor(maxAbsOut / (inScale * weightScale));
        return m > INT32_MAX ? m / INT32_MAX : 1;
    }

    /** The ops OverflowCorrection looks at in {@code graph} (a quantized model), in graph order. */
    public static List<Target> targets(Graph graph) {
        List<Target> out = new ArrayList<>();
        GraphFacts facts = new GraphFacts(graph);
        for (Node op : graph.nodes()) {
            if (!GraphFacts.hasWeights(op.kind())) {
                continue;
            }
            Optional<Node> wfq = graph.producer(op, 1).filter(n -> OpKinds.FAKE_QUANTIZE.equals(n.kind()));
            if (wfq.isEmpty() || levels(wfq.get()) <= 255) {
                continue;
            }
            Optional<Node> weights = graph.producer(wfq.get(), 0);
            if (weights.isPresent() && OpKinds.CONVERT.equals(weights.get().kind())) {
                weights = graph.producer(weights.get(), 0); // FP16 weights: Const -> Convert
            }
            weights = weights.filter(Node::isConstant);
            if (weights.isEmpty() || !separateRanges(graph, wfq.get())) {
                continue;
            }
            List<Node> inputFqs = inputQuantizers(graph, op);
            if (inputFqs.isEmpty()) {
                continue;
            }
            double inScale = 0;
            for (Node fq : inputFqs) {
                inScale = Math.max(inScale, step(graph, fq));
            }
            out.add(new Target(op.name(), weights.get().name(), wfq.get().name(), inScale, step(graph, wfq.get()),
                    new StatisticKey(new PortRef(outputNode(graph, facts, op), 0), MAX_PER_TENSOR)));
        }
        return out;
    }

    /** The op's bias Add when it is the op's only reader and has a constant other input, else the op. */
    private static String outputNode(Graph graph, GraphFacts facts, Node op) {
        List<InputRef> readers = graph.consumers(new PortRef(op.name(), 0));
        if (readers.size() == 1) {
            Node add = graph.requireNode(readers.get(0).node());
            int other = readers.get(0).port() == 0 ? 1 : 0;
            if (OpKinds.ADD.equals(add.kind())
                    && graph.producer(add, other).map(n -> facts.isConstant(n.name())).orElse(false)) {
                return add.name();
            }
        }
        return op.name();
    }

    /** The activation FakeQuantizes above the op's data input, through value-preserving ops. */
    private static List<Node> inputQuantizers(Graph graph, Node op) {
        List<Node> out = new ArrayList<>();
        Deque<Node> queue = new ArrayDeque<>();
        graph.producer(op, 0).ifPresent(queue::add);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            if (!seen.add(n.name())) {
                continue;
            }
            if (OpKinds.FAKE_QUANTIZE.equals(n.kind())) {
                out.add(n);
            } else if (AGNOSTIC.contains(n.kind())) {
                int ports = OpKinds.CONCAT.equals(n.kind()) ? n.inputCount() : 1;
                for (int p = 0; p < ports; p++) {
                    graph.producer(n, p).filter(x -> !x.isConstant()).ifPresent(queue::add);
                }
            }
        }
        return out;
    }

    /** Output ranges in Consts of their own (the editor's layout), so they can be rescaled alone. */
    private static boolean separateRanges(Graph graph, Node fq) {
        Set<String> names = new HashSet<>();
        for (int p = 1; p <= 4; p++) {
            Optional<Node> c = graph.producer(fq, p).filter(Node::isConstant);
            if (c.isEmpty() || !names.add(c.get().name())) {
                return false;
            }
        }
        return true;
    }

    private static long levels(Node fq) {
        return fq.attributes().longValue("levels", -1);
    }

    /** {@code max((oh - ol) / (L - 1))} of a FakeQuantize. */
    private static double step(Graph graph, Node fq) {
        float[] ol = graph.producer(fq, 3).flatMap(Node::constantValue).orElseThrow().toFloatArray();
        float[] oh = graph.producer(fq, 4).flatMap(Node::constantValue).orElseThrow().toFloatArray();
        double steps = levels(fq) - 1;
        double best = 0;
        for (int i = 0; i < Math.max(ol.length, oh.length); i++) {
            best = Math.max(best, ((double) oh[oh.length == 1 ? 0 : i] - ol[ol.length == 1 ? 0 : i]) / steps);
        }
        return best;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * One op OverflowCorrection may rescale.
     *
     * @param op              the weighted op
     * @param weights         the weight constant (the FakeQuantize's input)
     * @param weightQuantizer the weight FakeQuantize
     * @param inScale         the largest step of the activation FakeQuantizes above its input
     * @param weightScale     the largest step of the weight FakeQuantize
     * @param output          the abs max of its (bias) output, the largest over samples
     */
    public record Target(String op, String weights, String weightQuantizer, double inScale, double weightScale,
                         StatisticKey output) {
    }
}
