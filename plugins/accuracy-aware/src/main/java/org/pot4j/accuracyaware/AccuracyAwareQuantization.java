package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.hardware.HardwareConfig;
import org.pot4j.core.hardware.HardwareConfigs;

/**
 * POT's AccuracyAwareQuantization (spec §2): quantizes with the base algorithm, stops when the drop is within
 * {@code maximal_drop}, else ranks the quantizer groups by how much reverting each alone helps on the ranking subset
 * and reverts them greedily (§2.8's exact control flow: no re-ranking while the drop decreases, one tolerated
 * increase, roll back and re-rank on a further one) until the drop is met, the list is exhausted or
 * {@code max_iter_num} iterations are done.
 *
 * <p>Reverting a group is done as POT effectively does it, but through the base algorithm: its quantizable ops are
 * added to the base algorithm's {@code ignored.scope} and the base algorithm re-runs on the FP32 model, reusing the
 * statistics the pipeline already collected ({@link ModelEvaluator#apply}). So a reverted op has no quantizer on its
 * inputs and its bias is the FP32 one (POT restores {@code original_bias} by hand).
 */
public final class AccuracyAwareQuantization implements Algorithm {
    /** The algorithm's name in configurations. */
    public static final String NAME = "AccuracyAwareQuantization";

    private final AccuracyAwareParameters params;
    private final AlgorithmFactory base;
    private final AlgorithmSettings settings;
    private final PluginContext context;
    private final HardwareConfig hardware;
    private final System.Logger log;
    private SensitivityReport lastReport;

    /**
     * @param params   the bound params
     * @param base     the base algorithm's factory (found by name)
     * @param settings the settings AccuracyAware was created with (target device, model type)
     * @param context  the host, for the base algorithm
     */
    public AccuracyAwareQuantization(AccuracyAwareParameters params, AlgorithmFactory base, AlgorithmSettings settings,
                                     PluginContext context) {
        this.params = params;
        this.base = base;
        this.settings = settings;
        this.context = context;
        this.hardware = HardwareConfigs.forTargetDevice(settings.targetDevice());
        this.log = context.logger(AccuracyAwareQuantization.class.getName());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@return the report of the last run: the first ranking and the outcome; null before a run} */
    public SensitivityReport lastReport() {
        return lastReport;
    }

    /** @throws AlgorithmException always: AccuracyAware evaluates models, so it needs a pipeline's evaluator */
    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        throw new AlgorithmException(NAME + " evaluates models: run it through a Pipeline, which gives it the data set"
                + " and metric (Algorithm.run with a ModelEvaluator)");
    }

    @Override
    public Model run(Model fp32, Engine engine, CollectedStatistics statistics, ModelEvaluator evaluator) {
        if (fp32.isCascade()) {
            throw new AlgorithmException(NAME + ": cascade models are not supported (model '" + fp32.name() + "')");
        }
        return new Run(fp32, evaluator).run();
    }

    /** The base algorithm with {@code reverted} added to its ignored scope, run on the FP32 model. */
    private Model quantize(Model fp32, ModelEvaluator evaluator, Map<String, Object> baseParams,
                           Set<String> reverted) {
        Map<String, Object> p = new LinkedHashMap<>(baseParams);
        if (!reverted.isEmpty()) {
            p.put("ignored", IgnoredScopeMerge.withScope(p.get("ignored"), reverted));
        }
        Algorithm algorithm = base.create(new AlgorithmSettings(p, settings.targetDevice(), settings.modelType(),
                false), context);
        return evaluator.apply(algorithm, fp32);
    }

    /** The state of one run. */
    private final class Run {
        private final Model fp32;
        private final ModelEvaluator evaluator;
        private Scorer scorer;
        private Map<String, MetricAttributes> metrics;
        private final Map<String, Double> baseline = new LinkedHashMap<>();
        private final Map<String, Double> maxDrop = new LinkedHashMap<>();
        private Map<String, List<Double>> fpPerSample;
        /** Positions (in {@link Scorer#samples()}) of the per-sample subset, and their data set indices. */
        private int[] subsetPositions;
        private int[] samples;
        private Map<String, Object> baseParams;
        private Map<String, Double> drop0;
        private int evaluations;
        private int rankingEvaluations;
        private double evaluationSeconds;

        Run(Model fp32, ModelEvaluator evaluator) {
            this.fp32 = fp32;
            this.evaluator = evaluator;
            this.baseParams = params.baseParams();
        }

        Model run() {
            boolean labelFree = params.annotationFree() || evaluator.metrics().isEmpty();
            if (labelFree) {
                ReferenceScorer ref = ReferenceScorer.create(fp32, evaluator, params.annotationConfThreshold());
                scorer = ref;
                log.log(System.Logger.Level.INFO, "{0}: label-free mode ({1}): {2} of {3} samples scored against the"
                        + " FP32 model''s own outputs", NAME, ref.classifier() ? "top-1 agreement with the FP32 argmax"
                        : "normalized output error", ref.samples().length, evaluator.size());
            } else {
                scorer = new MetricScorer(evaluator, params.metrics());
            }
            metrics = scorer.metrics();
            samples = scorer.samples();
            int n = samples.length;
            // 1. baseline (the FP32 run, unless every metric has a baseline_value)
            if (params.baselinesGiven() && !labelFree) {
                params.metrics().forEach(m -> baseline.put(m.name(), m.baseline().getAsDouble()));
                int count = Math.max(1, (int) (n * params.metricSubsetRatio()));
                subsetPositions = new Random(0).ints(0, n).distinct().limit(count).sorted().toArray();
            } else {
                Scorer.Scores fp = timedScore(fp32, samples);
                baseline.putAll(fp.averages());
                fpPerSample = fp.perSample();
                subsetPositions = IntStream.range(0, n).toArray();
            }
            // 2. max drop per metric
            for (String m : metrics.keySet()) {
                maxDrop.put(m, params.relative() ? params.maximalDrop() * baseline.get(m) : params.maximalDrop());
            }
            // 3. quantize and evaluate
            State current = evaluate(quantize(fp32, evaluator, baseParams, Set.of()), Set.of());
            drop0 = current.drop;
            log.log(System.Logger.Level.INFO, "{0}: baseline {1}, quantized {2}, drop {3} (allowed {4})", NAME,
                    baseline, current.scores.averages(), current.drop, maxDrop);
            boolean met = met(current.drop);
            if (met && params.sensitivityReport().isEmpty()) {
                log.log(System.Logger.Level.INFO, "{0}: the drop is within maximal_drop; no layer reverted", NAME);
                lastReport = SensitivityReport.of(NAME, baseline, current, maxDrop, List.of(), 0, evaluationSeconds,
                        0, true);
                return current.model;
            }
            // 4. mixed preset
            if (!met && params.convertToMixedPreset() && MixedPreset.isPerformance(baseParams)) {
                Map<String, Object> mixed = MixedPreset.of(baseParams);
                State m = evaluate(quantize(fp32, evaluator, mixed, Set.of()), Set.of());
                log.log(System.Logger.Level.INFO, "{0}: mixed preset: drop {1}", NAME, m.drop);
                baseParams = mixed;
                current = m;
                if (met(m.drop)) {
                    lastReport = SensitivityReport.of(NAME, baseline, current, maxDrop, List.of(), 0,
                            evaluationSeconds, 0, true);
                    return current.model;
                }
            }
            // 5. FP32 per-sample values on the subset when the baselines were given
            if (fpPerSample == null) {
                fpPerSample = scorer.score(fp32, subsetIndices()).perSample();
                evaluations++;
            }
            return search(current, met);
        }

        /** §2.8, with the first ranking kept as the sensitivity report. */
        private Model search(State start, boolean alreadyMet) {
            State model = start;
            String m = worstMetric(model.drop);
            double acc = drop0.get(m);
            long t0 = System.nanoTime();
            List<Ranked> first = rank(model, m);
            double rankingSeconds = (System.nanoTime() - t0) / 1e9;
            Deque list = new Deque(first);
            int quantized = first.stream().mapToInt(r -> r.group().ops().size()).sum();
            boolean stepBack = true;
            int it = 0;
            if (!alreadyMet) {
                for (; it < params.maxIterNum(); it++) {
                    State prev = model;
                    if (list.isEmpty()) {
                        log.log(System.Logger.Level.WARNING, "{0}: no more layers to revert; could not achieve the"
                                + " required accuracy drop", NAME);
                        break;
                    }
                    Ranked g = list.pop();
                    Set<String> reverted = new LinkedHashSet<>(model.reverted);
                    reverted.addAll(g.group().ops());
                    model = evaluate(quantize(fp32, evaluator, baseParams, reverted), reverted);
                    double now = model.drop.get(m);
                    log.log(System.Logger.Level.INFO, "{0}: iteration {1}: reverted {2} -> drop {3}", NAME, it + 1,
                            g.group().ops(), model.drop);
                    if (QuantizerGroups.count(model.model.graph()) == 0 || met(model.drop)) {
                        it++;
                        break;
                    }
                    if ((maxDrop.get(m) < now && now <= acc) || (now > acc && stepBack)) {
                        stepBack = false;
                        acc = now;
                        continue;
                    }
                    if (now > acc && params.usePrevIfDropIncrease()) {
                        model = prev;
                        stepBack = true;
                    }
                    acc = now;
                    if (now <= maxDrop.get(m)) {
                        m = worstMetric(model.drop);
                        acc = drop0.get(m);
                        stepBack = false;
                    }
                    list = new Deque(rank(model, m));
                }
            }
            boolean success = met(model.drop);
            log.log(System.Logger.Level.INFO, "{0}: {1} out of {2} layers reverted; drop {3} (allowed {4}){5}", NAME,
                    model.reverted.size(), quantized, model.drop, maxDrop,
                    success ? "" : ": could not achieve the required accuracy drop");
            lastReport = SensitivityReport.of(NAME, baseline, model, maxDrop, first, rankingSeconds,
                    evaluationSeconds / Math.max(1, evaluations), rankingEvaluations, success)
                    .withQuantizedOps(quantized, drop0, start.scores.averages()).withIterations(it, params.maxIterNum());
            log.log(System.Logger.Level.INFO, "{0}: sensitivity (ranking of {1} groups on {2} samples in {3} s; one"
                    + " evaluation pass {4} s):\n{5}", NAME, first.size(), rankingSize(),
                    String.format(Locale.ROOT, "%.2f", rankingSeconds),
                    String.format(Locale.ROOT, "%.2f", evaluationSeconds / Math.max(1, evaluations)),
                    lastReport.table());
            params.sensitivityReport().ifPresent(file -> lastReport.write(java.nio.file.Path.of(file)));
            return model.model;
        }

        /** §2.6 and §2.7: the ranking subset, then one evaluation on it per group, best revert first. */
        private List<Ranked> rank(State model, String metric) {
            int[] subset = rankingSubset(fpPerSample.get(metric), restrict(model.scores.perSample().get(metric)),
                    rankingSize());
            List<Ranked> out = new ArrayList<>();
            for (QuantizerGroups.Group g : new QuantizerGroups(model.model.graph(), hardware).all()) {
                if (model.reverted.containsAll(g.ops())) {
                    continue;
                }
                Set<String> reverted = new LinkedHashSet<>(model.reverted);
                reverted.addAll(g.ops());
                double score = scorer.rankingScore(quantize(fp32, evaluator, baseParams, reverted), subset, metric);
                rankingEvaluations++;
                out.add(new Ranked(g, score));
            }
            out.sort(Comparator.comparingDouble(Ranked::score).thenComparing(r -> r.group().key()).reversed());
            log.log(System.Logger.Level.DEBUG, "{0}: ranking {1}", NAME, out);
            return out;
        }

        private int rankingSize() {
            return params.rankingSubsetSize().orElse(Math.min(samples.length,
                    AccuracyAwareParameters.DEFAULT_RANKING_SUBSET_SIZE));
        }

        /** Positions ordered by FP32 minus quantized per-sample value, descending; ties: the later position first. */
        private int[] rankingSubset(List<Double> u, List<Double> v, int size) {
            Integer[] order = new Integer[u.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> u.get(i) - v.get(i))
                    .thenComparingInt(i -> i).reversed());
            int[] subset = subsetIndices();
            return Arrays.stream(order).limit(size).mapToInt(p -> subset[p]).toArray();
        }

        private int[] subsetIndices() {
            return Arrays.stream(subsetPositions).map(p -> samples[p]).toArray();
        }

        private List<Double> restrict(List<Double> full) {
            return Arrays.stream(subsetPositions).mapToObj(full::get).toList();
        }

        private State evaluate(Model model, Set<String> reverted) {
            Scorer.Scores s = timedScore(model, samples);
            Map<String, Double> drop = new LinkedHashMap<>();
            for (Map.Entry<String, MetricAttributes> e : metrics.entrySet()) {
                drop.put(e.getKey(), Scorer.sign(e.getValue()) * (baseline.get(e.getKey()) - s.averages().get(e.getKey())));
            }
            return new State(model, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(reverted)), s, drop);
        }

        private Scorer.Scores timedScore(Model model, int[] on) {
            long t = System.nanoTime();
            Scorer.Scores s = scorer.score(model, on);
            evaluationSeconds += (System.nanoTime() - t) / 1e9;
            evaluations++;
            return s;
        }

        private boolean met(Map<String, Double> drop) {
            return drop.entrySet().stream().allMatch(e -> e.getValue() <= maxDrop.get(e.getKey()));
        }

        /** The metric with the largest excess over its allowed drop relative to its baseline; ties: the later one. */
        private String worstMetric(Map<String, Double> drop) {
            String worst = null;
            double best = Double.NEGATIVE_INFINITY;
            for (String m : metrics.keySet()) {
                double excess = (drop.get(m) - maxDrop.get(m)) / baseline.get(m);
                if (worst == null || excess >= best) {
                    best = excess;
                    worst = m;
                }
            }
            return worst;
        }
    }

    /**
     * A model with its reverted ops, scores and drops.
     *
     * @param model    the model
     * @param reverted the ops left in float
     * @param scores   its scores on every sample scored
     * @param drop     its drop per metric
     */
    record State(Model model, Set<String> reverted, Scorer.Scores scores, Map<String, Double> drop) {
    }

    /**
     * A group with its ranking score.
     *
     * @param group the group
     * @param score the metric on the ranking subset with the group alone reverted (direction applied)
     */
    record Ranked(QuantizerGroups.Group group, double score) {
    }

    /** The ranked list, consumed from the front. */
    private static final class Deque {
        private final java.util.ArrayDeque<Ranked> items;

        Deque(List<Ranked> ranked) {
            items = new java.util.ArrayDeque<>(ranked);
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        Ranked pop() {
            return items.pollFirst();
        }
    }
}
