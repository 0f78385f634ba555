package org.pot4j.quantization.alignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.quantization.minmax.ConstantFolder;
import org.pot4j.quantization.placement.GraphFacts;

/**
 * ActivationChannelAlignment (POT_SPEC §7): for each {@link AlignmentPair}, the per-channel range
 * {@code [amin, amax]} of the tensor between the two ops (quantiles 1e-4 and 1 - 1e-4 per batch, median over
 * batches) is centred by moving {@code (amin + amax) / 2} from {@code nodeIn}'s bias into {@code nodeOut}'s (when both
 * have one), and equalised by dividing {@code nodeIn}'s output channel {@code c} (weights and bias) by
 * {@code s[c] = ascale[c] / median(ascale > 0)} (clipped to [0.01, 100]) and multiplying {@code nodeOut}'s input
 * channel {@code c} by it. {@code nodeOut}'s weights are then rescaled by the saturation fix (§8.6).
 */
public final class ChannelAlignment {
    /** The statistic names POT gives the two quantiles. */
    public static final String RANGE_MIN = "channel_range_min";
    public static final String RANGE_MAX = "channel_range_max";
    private static final double QUANTILE = 1e-4;

    private ChannelAlignment() {
    }

    /** The pairs of {@code facts}' graph. */
    public static List<AlignmentPair> pairs(GraphFacts facts) {
        Graph g = facts.graph();
        List<AlignmentPair> out = new ArrayList<>();
        for (Node nodeOut : g.nodes()) {
            if (!OpKinds.CONVOLUTION.equals(nodeOut.kind()) || facts.groups(nodeOut) > 1 || !unpaddedUnitStride(nodeOut)
                    || !facts.hasConstantInput(nodeOut, 1) || nodeOut.input(0).isEmpty()) {
                continue;
            }
            PortRef activations = nodeOut.input(0).get();
            Node producer = g.requireNode(activations.node());
            if (facts.consumers(producer, activations.port()).size() != 1) {
                continue;
            }
            Node nodeIn = producer;
            Optional<PortRef> biasIn = Optional.empty();
            if (OpKinds.ADD.equals(producer.kind())) {
                // nodeOut reads nodeIn's output through its bias Add (nodeIn's only reader, adding a constant)
                Optional<Node> op = producer.inputs().stream().map(r -> g.requireNode(r.node()))
                        .filter(n -> isLinear(n.kind())).findFirst();
                biasIn = op.flatMap(n -> biasOf(facts, n));
                if (biasIn.isEmpty()) {
                    continue;
                }
                nodeIn = op.get();
            } else if (!isLinear(producer.kind())) {
                continue;
            }
            if (!facts.hasConstantInput(nodeIn, 1) || nodeIn.input(0).isEmpty()
                    || facts.consumers(nodeIn, 0).size() != 1) {
                continue;
            }
            out.add(new AlignmentPair(nodeIn.name(), nodeIn.input(1).get(), biasIn, nodeOut.name(),
                    nodeOut.input(1).get(), biasOf(facts, nodeOut), activations));
        }
        return out;
    }

    private static boolean isLinear(String kind) {
        return OpKinds.CONVOLUTION.equals(kind) || OpKinds.MAT_MUL.equals(kind);
    }

    /** The constant a lone bias Add reading {@code op}'s output adds to it. */
    private static Optional<PortRef> biasOf(GraphFacts facts, Node op) {
        if (!isLinear(op.kind())) {
            return Optional.empty();
        }
        List<InputRef> consumers = facts.consumers(op, 0);
        if (consumers.size() != 1) {
            return Optional.empty();
        }
        Node add = facts.graph().requireNode(consumers.get(0).node());
        if (!OpKinds.ADD.equals(add.kind())) {
            return Optional.empty();
        }
        int other = consumers.get(0).port() == 0 ? 1 : 0;
        return add.input(other).filter(r -> facts.isConstant(r.node()));
    }

    private static boolean unpaddedUnitStride(Node n) {
        var a = n.attributes();
        String autoPad = a.string("auto_pad", "explicit");
        if (!List.of("explicit", "valid", "notset", "").contains(autoPad)) {
            return false;
        }
        return all(a.longs("pads_begin"), 0) && all(a.longs("pads_end"), 0) && all(a.longs("strides"), 1)
                && all(a.longs("dilations"), 1);
    }

    private static boolean all(Optional<long[]> values, long expected) {
        return values.map(v -> Arrays.stream(v).allMatch(x -> x == expected)).orElse(true);
    }

    /** Adds the two channel quantiles of every pair's activations to {@code request}. */
    public static void request(List<AlignmentPair> pairs, StatisticsRequest.Builder request) {
        Set<PortRef> seen = new HashSet<>();
        for (AlignmentPair p : pairs) {
            if (seen.add(p.activations())) {
                request.add(p.activations(), statistic(RANGE_MIN, QUANTILE));
                request.add(p.activations(), statistic(RANGE_MAX, 1 - QUANTILE));
            }
        }
    }

    private static ActivationStatistic statistic(String name, double q) {
        return ActivationStatistic.quantile(Reducer.QUANTILE, q, Granularity.PER_CHANNEL, Aggregator.MEDIAN)
                .withName(name);
    }

    /**
     * Edits every pair through {@code editor}, reading the original values from {@code graph}.
     *
     * @return the names of the {@code nodeOut} convolutions whose weights the saturation fix must rescale
     */
    public static Set<String> apply(List<AlignmentPair> pairs, Graph graph, CollectedStatistics statistics,
                                    QuantizationEditor editor) {
        Set<String> rescale = new HashSet<>();
        for (AlignmentPair p : pairs) {
            double[] amin = statistics.require(p.activations(), RANGE_MIN).toDoubleArray();
            double[] amax = statistics.require(p.activations(), RANGE_MAX).toDoubleArray();
            Tensor wIn = ConstantFolder.value(graph, p.weightsIn());
            Tensor wOut = ConstantFolder.value(graph, p.weightsOut());
            Optional<Tensor> bIn = p.biasIn().map(b -> ConstantFolder.value(graph, b));
            Optional<Tensor> bOut = p.biasOut().map(b -> ConstantFolder.value(graph, b));
            Aligned a = align(wIn, bIn, wOut, bOut, amin, amax);
            replace(graph, editor, p.weightsIn(), a.weightsIn());
            replace(graph, editor, p.weightsOut(), a.weightsOut());
            if (p.biasIn().isPresent()) {
                replace(graph, editor, p.biasIn().get(), a.biasIn().orElseThrow());
            }
            if (p.biasOut().isPresent()) {
                replace(graph, editor, p.biasOut().get(), a.biasOut().orElseThrow());
            }
            rescale.add(p.nodeOut());
        }
        return rescale;
    }

    private static void replace(Graph graph, QuantizationEditor editor, PortRef port, Tensor value) {
        Node root = ConstantFolder.root(graph, port);
        editor.replaceConstant(root.name(), value.reshape(root.output(0).shape()));
    }

    /** New weights and biases of one pair. */
    public record Aligned(Tensor weightsIn, Optional<Tensor> biasIn, Tensor weightsOut, Optional<Tensor> biasOut) {
    }

    /**
     * §7's arithmetic on one pair (double precision, results in f32 with the inputs' shapes).
     *
     * @param wIn  {@code nodeIn}'s weights; scaled along axis 0 only when its length equals the channel count
     * @param wOut {@code nodeOut}'s weights {@code [O, C, ...]}
     */
    public static Aligned align(Tensor wIn, Optional<Tensor> bIn, Tensor wOut, Optional<Tensor> bOut, double[] amin,
                                double[] amax) {
        int c = amin.length;
        double[] win = wIn.toDoubleArray();
        double[] wout = wOut.toDoubleArray();
        double[] bin = bIn.map(Tensor::toDoubleArray).orElse(null);
        double[] bout = bOut.map(Tensor::toDoubleArray).orElse(null);
        int outChannels = (int) wOut.shape().dim(0);
        if (wOut.shape().dim(1) != c) {
            throw new IllegalArgumentException("nodeOut has " + wOut.shape().dim(1) + " input channels, the ranges " + c);
        }
        int kernel = wout.length / (outChannels * c);
        double[] ascale = new double[c];
        double[] amean = new double[c];
        for (int i = 0; i < c; i++) {
            ascale[i] = amax[i] - amin[i];
            amean[i] = (amin[i] + amax[i]) / 2;
        }
        if (bin != null && bout != null) {
            for (int i = 0; i < c; i++) {
                bin[i] -= amean[i];
            }
            for (int o = 0; o < outChannels; o++) {
                double shift = 0;
                for (int i = 0; i < c; i++) {
                    double sum = 0;
                    for (int k = 0; k < kernel; k++) {
                        sum += wout[(o * c + i) * kernel + k];
                    }
                    shift += sum * amean[i];
                }
                bout[o] += shift;
            }
        }
        double[] positive = Arrays.stream(ascale).filter(v -> v > 0).sorted().toArray();
        if (positive.length > 0 && wIn.shape().dim(0) == c) {
            double median = positive.length % 2 == 1 ? positive[positive.length / 2]
                    : (positive[positive.length / 2 - 1] + positive[positive.length / 2]) / 2;
            int perIn = win.length / c;
            for (int i = 0; i < c; i++) {
                double s = ascale[i] > 0 ? Math.min(100, Math.max(0.01, ascale[i] / median)) : 1;
                for (int k = 0; k < perIn; k++) {
                    win[i * perIn + k] /= s;
                }
                if (bin != null) {
                    bin[i] /= s;
                }
                for (int o = 0; o < outChannels; o++) {
                    for (int k = 0; k < kernel; k++) {
                        wout[(o * c + i) * kernel + k] *= s;
                    }
                }
            }
        }
        return new Aligned(floats(win, wIn), Optional.ofNullable(bin).map(v -> floats(v, bIn.get())), floats(wout, wOut),
                Optional.ofNullable(bout).map(v -> floats(v, bOut.get())));
    }

    private static Tensor floats(double[] values, Tensor like) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Tensor.ofFloats(like.shape(), f);
    }
}
