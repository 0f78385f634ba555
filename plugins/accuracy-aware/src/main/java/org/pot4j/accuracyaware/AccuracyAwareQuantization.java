package org.pot4j.accuracyaware;

import java.util.Arrays;
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
    private Tuning lastTuning;

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

    /** {@return what {@code tune_hyperparams} did in the last run; null when it did not run} */
    Tuning lastTuning() {
        return lastTuning;
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
    private final class Run implements GreedyScopeSearch.Models<State> {
        private final Model fp32;
        private final ModelEvaluator evaluator;
        private Scorer scorer;
        private DropTargets targets;
        private Map<String, List<Double>> fpPerSample;
        /** Positions (in {@link Scorer#samples()}) of the per-sample subset, and their data set indices. */
        private int[] subsetPositions;
        private int[] samples;
        private Map<String, Object> baseParams;
        private int evaluations;
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
                        : ref.targets().postProcessed() ? "NMSE per tensor, averaged, of the post-processing inputs "
                        + ref.targets().taps() : "NMSE per output, averaged", ref.samples().length, evaluator.size());
            } else {
                scorer = new MetricScorer(evaluator, params.metrics());
            }
            samples = scorer.samples();
            int n = samples.length;
            // 1. baseline (the FP32 run, unless every metric has a baseline_value)
            Map<String, Double> baseline = new LinkedHashMap<>();
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
            targets = DropTargets.of(scorer.metrics(), baseline, params.maximalDrop(), params.relative());
            Map<String, Double> maxDrop = targets.maxDrop();
            // 3. quantize and evaluate
            State current = evaluate(quantize(fp32, evaluator, baseParams, Set.of()), Set.of());
            log.log(System.Logger.Level.INFO, "{0}: baseline {1}, quantized {2}, drop {3} (allowed {4})", NAME,
                    baseline, current.scores.averages(), current.drop, maxDrop);
            boolean met = targets.met(current.drop);
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
                if (targets.met(m.drop)) {
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
            // 6. tune_hyperparams
            if (!met && params.tuneHyperparams()) {
                current = tune(current);
                if (targets.met(current.drop)) {
                    lastReport = SensitivityReport.of(NAME, baseline, current, maxDrop, List.of(), 0,
                            evaluationSeconds, 0, true);
                    return current.model;
                }
            }
            return search(current, met);
        }

        /**
         * §2.10: the grid search on the hardest samples, then the winner on the full data set, kept (its params then
         * used by every revert) only if its mean drop over the metrics is lower than {@code current}'s.
         */
        private State tune(State current) {
            Map<String, List<Double>> reference = new LinkedHashMap<>();
            Map<String, List<Double>> quantized = new LinkedHashMap<>();
            for (String m : targets.maxDrop().keySet()) {
                reference.put(m, fpPerSample.get(m));
                quantized.put(m, restrict(current.scores.perSample().get(m)));
            }
            int[] subset = RankingSubset.hardest(reference, quantized, subsetIndices(), rankingSize());
            log.log(System.Logger.Level.INFO, "{0}: tune_hyperparams: 12 guesses on the {1} hardest samples {2}",
                    NAME, subset.length, Arrays.toString(subset));
            ParamsGridSearch.Result result = new ParamsGridSearch(scorer.metrics(),
                    p -> scorer.score(quantize(fp32, evaluator, p, Set.of()), subset).averages(), log)
                    .search(baseParams);
            if (result.best().isEmpty()) {
                lastTuning = new Tuning(subset, result, Double.NaN, Double.NaN, false);
                return current;
            }
            Map<String, Object> tunedParams = result.apply(baseParams);
            State tuned = evaluate(quantize(fp32, evaluator, tunedParams, Set.of()), Set.of());
            double before = mean(current.drop);
            double after = mean(tuned.drop);
            boolean kept = after < before;
            log.log(System.Logger.Level.INFO, "{0}: tune_hyperparams: best {1}: drop {2} (mean {3}) against {4} (mean"
                    + " {5}): {6}", NAME, result.best(), tuned.drop, String.format(Locale.ROOT, "%.6g", after),
                    current.drop, String.format(Locale.ROOT, "%.6g", before), kept ? "applied" : "not applied");
            lastTuning = new Tuning(subset, result, before, after, kept);
            if (!kept) {
                return current;
            }
            baseParams = tunedParams;
            return tuned;
        }

        private static double mean(Map<String, Double> drop) {
            return drop.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        /** §2.8, with the first ranking kept as the sensitivity report. */
        private Model search(State start, boolean alreadyMet) {
            GreedyScopeSearch.Outcome<State> outcome = new GreedyScopeSearch<>(targets, params.maxIterNum(),
                    params.usePrevIfDropIncrease(), this, log).run(start, alreadyMet);
            State model = outcome.result();
            List<Ranked> first = outcome.firstRanking();
            int quantized = first.stream().mapToInt(r -> r.group().ops().size()).sum();
            boolean success = targets.met(model.drop);
            log.log(System.Logger.Level.INFO, "{0}: {1} out of {2} layers reverted; drop {3} (allowed {4}){5}", NAME,
                    model.reverted.size(), quantized, model.drop, targets.maxDrop(),
                    success ? "" : ": could not achieve the required accuracy drop");
            lastReport = SensitivityReport.of(NAME, targets.baseline(), model, targets.maxDrop(), first,
                    outcome.rankingSeconds(), evaluationSeconds / Math.max(1, evaluations),
                    outcome.rankingEvaluations(), success)
                    .withQuantizedOps(quantized, start.drop, start.scores.averages())
                    .withIterations(outcome.iterations(), params.maxIterNum());
            log.log(System.Logger.Level.INFO, "{0}: sensitivity (ranking of {1} groups on {2} samples in {3} s; one"
                    + " evaluation pass {4} s):\n{5}", NAME, first.size(), rankingSize(),
                    String.format(Locale.ROOT, "%.2f", outcome.rankingSeconds()),
                    String.format(Locale.ROOT, "%.2f", evaluationSeconds / Math.max(1, evaluations)),
                    lastReport.table());
            params.sensitivityReport().ifPresent(file -> lastReport.write(java.nio.file.Path.of(file)));
            return model.model;
        }

        @Override
        public List<QuantizerGroups.Group> groups(State model) {
            return new QuantizerGroups(model.model.graph(), hardware).all();
        }

        @Override
        public State revert(State model, QuantizerGroups.Group group) {
            Set<String> reverted = with(model, group);
            return evaluate(quantize(fp32, evaluator, baseParams, reverted), reverted);
        }

        @Override
        public int[] rankingSubset(State model, String metric) {
            return RankingSubset.of(fpPerSample.get(metric), restrict(model.scores.perSample().get(metric)),
                    subsetIndices(), rankingSize());
        }

        @Override
        public double rankingScore(State model, QuantizerGroups.Group group, int[] subset, String metric) {
            return scorer.rankingScore(quantize(fp32, evaluator, baseParams, with(model, group)), subset, metric);
        }

        @Override
        public boolean fullyFloat(State model) {
            return QuantizerGroups.count(model.model.graph()) == 0;
        }

        private Set<String> with(State model, QuantizerGroups.Group group) {
            Set<String> reverted = new LinkedHashSet<>(model.reverted);
            reverted.addAll(group.ops());
            return reverted;
        }

        private int rankingSize() {
            return params.rankingSubsetSize().orElse(Math.min(samples.length,
                    AccuracyAwareParameters.DEFAULT_RANKING_SUBSET_SIZE));
        }

        private int[] subsetIndices() {
            return Arrays.stream(subsetPositions).map(p -> samples[p]).toArray();
        }

        private List<Double> restrict(List<Double> full) {
            return Arrays.stream(subsetPositions).mapToObj(full::get).toList();
        }

        private State evaluate(Model model, Set<String> reverted) {
            Scorer.Scores s = timedScore(model, samples);
            return new State(model, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(reverted)), s,
                    targets.drops(s.averages()));
        }

        private Scorer.Scores timedScore(Model model, int[] on) {
            long t = System.nanoTime();
            Scorer.Scores s = scorer.score(model, on);
            evaluationSeconds += (System.nanoTime() - t) / 1e9;
            evaluations++;
            return s;
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
    record State(Model model, Set<String> reverted, Scorer.Scores scores, Map<String, Double> drop)
            implements GreedyScopeSearch.Evaluated {
    }

    /**
     * What {@code tune_hyperparams} did (spec §2.10).
     *
     * @param subset        the hardest samples the guesses were scored on
     * @param search        the guesses, in order, and the best one
     * @param meanDropBefore the mean drop over the metrics of the model before tuning
     * @param meanDropAfter  the mean drop of the best guess's model on the full data set
     * @param kept          whether the best guess replaced the model (its mean drop is strictly lower)
     */
    record Tuning(int[] subset, ParamsGridSearch.Result search, double meanDropBefore, double meanDropAfter,
                  boolean kept) {
    }

    /**
     * A group with its ranking score.
     *
     * @param group the group
     * @param score the metric on the ranking subset with the group alone reverted (direction applied)
     */
    record Ranked(QuantizerGroups.Group group, double score) {
    }
}
