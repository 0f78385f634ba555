package org.pot4j.quantization.minmax;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.quantization.QuantizerConstraints;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.hardware.HardwareConfig;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.hardware.QuantizationScheme;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.quantization.DefaultQuantizationParameters;
import org.pot4j.quantization.config.QuantizerConfigurator;
import org.pot4j.quantization.placement.ComparedTensors;
import org.pot4j.quantization.placement.FakeQuantizePlacer;
import org.pot4j.quantization.placement.OutputQuantizers;
import org.pot4j.quantization.placement.GraphFacts;
import org.pot4j.quantization.placement.HardwareOps;
import org.pot4j.quantization.placement.IgnoredScope;
import org.pot4j.quantization.placement.QuantizerGroup;
import org.pot4j.quantization.placement.QuantizerSite;
import org.pot4j.quantization.range.BoundEstimator;
import org.pot4j.quantization.range.QuantizationRange;
import org.pot4j.quantization.range.RangeEstimatorParams;
import org.pot4j.quantization.range.RangeEstimators;
import org.pot4j.quantization.range.RangeFormulas;
import org.pot4j.quantization.statistics.StatisticKey;

/**
 * POT's MinMaxQuantization (POT_SPEC §8): places quantizers, chooses their schemes, asks for the activation
 * statistics their range estimators need, then computes every range (with the saturation fix and unified scales)
 * and inserts the FakeQuantize nodes through the model format's {@link QuantizationEditor}.
 */
public final class MinMaxQuantization {
    /** Op types {@code model_type: transformer} adds to the ignored operations (§4.5). */
    static final List<String> TRANSFORMER_IGNORED = List.of("Add", "Power", "Squeeze", "Subtract", "ReduceMean",
            "SquaredDifference", "MVN", "Multiply");
    /**
     * The range of an output quantizer (pot4j's, for formats that need them): the extremes seen over all samples, not
     * the mean of per-sample extremes POT takes for per-tensor activations, because such outputs often feed a Softmax,
     * a comparison or the model's output, where clipping the largest values changes which one wins.
     */
    static final RangeEstimatorParams OUTPUT_RANGE = new RangeEstimatorParams(false,
            Optional.of(aggregator(Aggregator.MIN)), Optional.of(aggregator(Aggregator.MAX)));
    /** Devices whose CPU fused-op patterns and saturation fix apply. */
    static final Set<String> CPU_LIKE = Set.of("ANY", "CPU", "CPU_SPR", "GPU");

    private final DefaultQuantizationParameters params;
    private final HardwareConfig hardware;
    private final Set<String> needRescale;
    private final boolean perTensorActivations;
    private final boolean outputQuantizers;

    public MinMaxQuantization(DefaultQuantizationParameters params, HardwareConfig hardware) {
        this(params, hardware, Set.of(), QuantizerConstraints.NONE);
    }

    /**
     * @param needRescale ops whose weights the saturation fix rescales as well (the convolutions
     *                    ActivationChannelAlignment edited: POT's {@code need_rescale})
     * @param constraints what the model's format runs quantized: per-tensor activations only, output quantizers
     */
    public MinMaxQuantization(DefaultQuantizationParameters params, HardwareConfig hardware, Set<String> needRescale,
                              QuantizerConstraints constraints) {
        this.params = params;
        this.hardware = hardware;
        this.needRescale = Set.copyOf(needRescale);
        this.perTensorActivations = !constraints.perChannelActivations();
        this.outputQuantizers = constraints.outputQuantizers();
    }

    /** Where quantizers go, their schemes and estimators, and the statistics to collect on the FP32 model. */
    public Plan plan(Graph graph) {
        return plan(graph, params.ignored().model());
    }

    /** {@link #plan(Graph)} with the ignored scope of one cascade stage. */
    public Plan plan(Graph graph, IgnoredScope userIgnored) {
        GraphFacts facts = new GraphFacts(graph);
        IgnoredScope ignored = params.transformer() ? userIgnored.withTypes(TRANSFORMER_IGNORED) : userIgnored;
        boolean cpuLike = CPU_LIKE.contains(params.targetDevice());
        ComparedTensors compared = ComparedTensors.find(facts, HardwareOps.of(hardware));
        List<QuantizerSite> sites = FakeQuantizePlacer.place(facts, HardwareOps.of(hardware), ignored, cpuLike,
                compared);
        if (outputQuantizers) {
            sites = OutputQuantizers.add(facts, sites, compared, ignored);
        }
        QuantizerConfigurator.Configuration config =
                new QuantizerConfigurator(facts, hardware, params.preset(), params.filters(), perTensorActivations)
                        .configure(sites);
        Map<String, BoundEstimator[]> estimators = new LinkedHashMap<>();
        Map<String, RangeStatistics> activationRanges = new LinkedHashMap<>();
        for (QuantizerSite s : sites) {
            QuantizationScheme scheme = config.schemes().get(s.name());
            boolean weights = s.group() == QuantizerGroup.WEIGHTS;
            BoundEstimator[] e = RangeEstimators.of(weights, scheme.mode(), scheme.granularity(),
                    params.rangeEstimators().getOrDefault(s.group(),
                            s.group() == QuantizerGroup.OUTPUTS ? OUTPUT_RANGE : RangeEstimatorParams.DEFAULT));
            estimators.put(s.name(), e);
            if (!weights) {
                activationRanges.put(s.name(), new RangeStatistics(
                        new StatisticKey(s.source(), e[0].activationStatistic()),
                        new StatisticKey(s.source(), e[1].activationStatistic())));
            }
        }
        return new Plan(facts, sites, config, estimators, activationRanges, compared);
    }

    /**
     * Computes every range from {@code statistics} and inserts the quantizers into {@code model} (a copy being edited)
     * through {@code editor}.
     *
     * @return the ranges written, by quantizer name
     */
    public Map<String, QuantizerRange> apply(Plan plan, CollectedStatistics statistics, QuantizationEditor editor) {
        Graph graph = plan.facts().graph();
        Set<String> rescaled = rescaledWeightQuantizers(plan);
        Map<String, QuantizerRange> ranges = new LinkedHashMap<>();
        Map<String, Tensor> halvedConstants = new LinkedHashMap<>();
        for (QuantizerSite s : plan.sites()) {
            QuantizationScheme scheme = plan.configuration().schemes().get(s.name());
            BoundEstimator[] e = plan.estimators().get(s.name());
            if (s.group() == QuantizerGroup.WEIGHTS) {
                ranges.put(s.name(), weightRange(graph, s, scheme, e, rescaled.contains(s.name()), halvedConstants));
            } else {
                ranges.put(s.name(), activationRange(graph, s, scheme, e, plan.activationRanges().get(s.name()),
                        statistics));
            }
        }
        unify(plan, ranges);
        halvedConstants.forEach(editor::replaceConstant);
        for (QuantizerSite s : plan.sites()) {
            QuantizerRange r = ranges.get(s.name());
            editor.insertFakeQuantize(new FakeQuantizeSpec(s.name(), s.group() == QuantizerGroup.WEIGHTS, s.source(),
                    s.consumers(), r.levels(), r.inputLow(), r.inputHigh(), r.outputLow(), r.outputHigh()));
        }
        return ranges;
    }

    private QuantizerRange activationRange(Graph graph, QuantizerSite s, QuantizationScheme scheme, BoundEstimator[] e,
                                           RangeStatistics keys, CollectedStatistics statistics) {
        double[] min = keys.min().in(statistics).toDoubleArray();
        double[] max = keys.max().in(statistics).toDoubleArray();
        long levels = scheme.levels(false);
        QuantizationRange range;
        if (scheme.mode() == QuantizationMode.SYMMETRIC) {
            boolean signed = scheme.levelLow().isPresent() && scheme.levelHigh().isPresent()
                    && scheme.levelLow().getAsLong() < 0;
            range = RangeFormulas.symmetricActivations(max, min, levels, signed);
        } else {
            range = RangeFormulas.asymmetric(min, max, scheme.bits(), false);
        }
        range = RangeFormulas.clip(range, e[0].clippingValue(), e[1].clippingValue());
        Shape shape = Shape.SCALAR;
        if (range.size() > 1) {
            Shape source = graph.outputPort(s.source()).shape();
            long[] dims = new long[Math.max(2, source.rank())];
            java.util.Arrays.fill(dims, 1);
            dims[1] = range.size();
            shape = Shape.of(dims);
        }
        return new QuantizerRange(range, range, shape, levels);
    }

    private QuantizerRange weightRange(Graph graph, QuantizerSite s, QuantizationScheme scheme, BoundEstimator[] e,
                                       boolean rescale, Map<String, Tensor> halvedConstants) {
        Tensor w = ConstantFolder.value(graph, s.source());
        InputRef use = s.consumers().get(0);
        WeightLayout layout = WeightLayout.of(graph.requireNode(use.node()), use.port(), w.shape());
        boolean perChannel = scheme.granularity() == Granularity.PER_CHANNEL && !layout.perTensorOnly();
        Tensor channelMajor = layout.channelMajor(w);
        BoundEstimator maxEstimator = perChannel ? e[1] : withGranularity(e[1], Granularity.PER_TENSOR);
        double[] max = maxEstimator.weightStatistic().compute(channelMajor).toDoubleArray();
        QuantizationRange range;
        if (scheme.mode() == QuantizationMode.SYMMETRIC) {
            range = RangeFormulas.symmetricWeights(max);
        } else {
            BoundEstimator minEstimator = perChannel ? e[0] : withGranularity(e[0], Granularity.PER_TENSOR);
            double[] min = minEstimator.weightStatistic().compute(channelMajor).toDoubleArray();
            range = RangeFormulas.asymmetric(min, max, scheme.bits(), scheme.unifiedZeropoint());
        }
        range = RangeFormulas.clip(range, e[0] == null ? Double.NaN : e[0].clippingValue(), e[1].clippingValue());
        Shape shape = perChannel ? layout.rangeShape(w.shape()) : Shape.SCALAR;
        QuantizationRange output = range;
        if (rescale) {
            // saturation fix (§8.6): the FakeQuantize sees W/2 through the original range and writes twice its output
            double[] lo = range.low();
            double[] hi = range.high();
            for (int i = 0; i < lo.length; i++) {
                lo[i] *= 2;
                hi[i] *= 2;
            }
            output = new QuantizationRange(lo, hi);
            Node root = ConstantFolder.root(graph, s.source());
            float[] halved = root.constantValue().orElseThrow().toFloatArray();
            for (int i = 0; i < halved.length; i++) {
                halved[i] /= 2;
            }
            halvedConstants.put(root.name(), Tensor.ofFloats(root.output(0).shape(), halved));
        }
        return new QuantizerRange(range, output, shape, scheme.levels(true));
    }

    private static BoundEstimator withGranularity(BoundEstimator e, Granularity g) {
        return e == null ? null : new BoundEstimator(e.bound(), e.type(), e.aggregator(), e.outlierProb(), g,
                e.clippingValue());
    }

    /**
     * The weight quantizers the saturation fix rescales (§8.6): on ANY/CPU with a Convolution in the model, those of
     * the first convolutions below each Parameter ({@code first_layer}) or of every weighted op ({@code all}), and of
     * the ops flagged {@code need_rescale}.
     */
    Set<String> rescaledWeightQuantizers(Plan plan) {
        Set<String> out = new HashSet<>();
        String device = params.targetDevice();
        if ("no".equals(params.saturationFix()) || !(device.equals("ANY") || device.equals("CPU"))) {
            return out;
        }
        Graph graph = plan.facts().graph();
        boolean hasConvolution = graph.nodes().stream().anyMatch(n -> isConvolution(n));
        if (!hasConvolution) {
            return out;
        }
        Set<String> ops = new HashSet<>();
        if ("all".equals(params.saturationFix())) {
            graph.nodes().stream().filter(n -> GraphFacts.hasWeights(n.kind())).forEach(n -> ops.add(n.name()));
        } else {
            Deque<Node> queue = new ArrayDeque<>(graph.parameters());
            Set<String> seen = new HashSet<>();
            while (!queue.isEmpty()) {
                Node n = queue.poll();
                if (!seen.add(n.name())) {
                    continue;
                }
                if (isConvolution(n)) {
                    ops.add(n.name());
                    continue;
                }
                queue.addAll(plan.facts().consumerNodes(n));
            }
        }
        ops.addAll(needRescale);
        for (QuantizerSite s : plan.sites()) {
            if (s.group() == QuantizerGroup.WEIGHTS && s.consumers().stream()
                    .anyMatch(c -> c.port() == 1 && ops.contains(c.node()))) {
                out.add(s.name());
            }
        }
        return out;
    }

    private static boolean isConvolution(Node n) {
        return OpKinds.CONVOLUTION.equals(n.kind()) || OpKinds.GROUP_CONVOLUTION.equals(n.kind());
    }

    /** Unified scales (§8.7): every member of a group gets the group's lowest low and highest high. */
    private static void unify(Plan plan, Map<String, QuantizerRange> ranges) {
        for (List<String> group : plan.configuration().unified()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String name : group) {
                for (double v : ranges.get(name).input().low()) {
                    lo = Math.min(lo, v);
                }
                for (double v : ranges.get(name).input().high()) {
                    hi = Math.max(hi, v);
                }
            }
            for (String name : group) {
                QuantizerRange r = ranges.get(name);
                int n = r.input().size();
                double[] los = new double[n];
                double[] his = new double[n];
                java.util.Arrays.fill(los, lo);
                java.util.Arrays.fill(his, hi);
                QuantizationRange u = new QuantizationRange(los, his);
                ranges.put(name, new QuantizerRange(u, u, r.shape(), r.levels()));
            }
        }
    }


    private static RangeEstimatorParams.BoundParams aggregator(Aggregator aggregator) {
        return new RangeEstimatorParams.BoundParams(Optional.empty(), Optional.of(aggregator), OptionalDouble.empty(),
                Optional.empty(), OptionalDouble.empty());
    }

    /**
     * What MinMax decided before statistics: the sites, their schemes and estimators, and the statistics the
     * activation ranges are computed from.
     *
     * @param facts            the FP32 graph and its facts
     * @param sites            the quantizers, sorted by name
     * @param configuration    their schemes and unification groups
     * @param estimators       their range estimators {min, max} by name
     * @param activationRanges the statistics of each activation quantizer's range, by quantizer name
     * @param compared         the tensors left in float because their values are compared
     */
    public record Plan(GraphFacts facts, List<QuantizerSite> sites, QuantizerConfigurator.Configuration configuration,
                       Map<String, BoundEstimator[]> estimators, Map<String, RangeStatistics> activationRanges,
                       ComparedTensors compared) {
        /** Every statistic to collect on the FP32 model, each once (quantizers of one tensor share theirs). */
        public List<StatisticKey> statistics() {
            Set<StatisticKey> keys = new LinkedHashSet<>();
            activationRanges.values().forEach(r -> {
                keys.add(r.min());
                keys.add(r.max());
            });
            return List.copyOf(keys);
        }
    }

    /**
     * The two statistics of an activation quantizer's range.
     *
     * @param min the statistic of the lower end ({@code min_min})
     * @param max the statistic of the upper end ({@code max_abs_max})
     */
    public record RangeStatistics(StatisticKey min, StatisticKey max) {
    }
}
