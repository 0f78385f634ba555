package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.metric.MetricAttributes;

/**
 * {@code tune_hyperparams} (spec §2.10): POT's ParamsGridSearchAlgorithm with its grid_search backend. Two search
 * spaces, coordinate-wise: first the range estimators (one weights guess, then the 3 x 3 activations guesses, each
 * replacing the whole {@code weights} or {@code activations} sub-config by {@code {range_estimator: {min, max}}}),
 * then {@code use_fast_bias} true and false, each extended by the best guess of the first space: 12 guesses. Each
 * guess re-runs the base algorithm on the FP32 model and is scored on the tuning subset; the first scored guess has
 * error 0 and its metrics (+1e-8) become the reference, a later one has error {@code -mean_k sign_k (v_k - ref_k) /
 * ref_k}. The lowest error wins (strict, so an earlier guess wins a tie).
 *
 * <p>A guess the base algorithm refuses when it is created (pot4j's DefaultQuantization has no BiasCorrection, so
 * {@code use_fast_bias: false}) is skipped with a warning and recorded as refused.
 */
final class ParamsGridSearch {
    /** POT's epsilon added to the reference metrics. */
    static final double EPS = 1e-8;

    /** Runs the base algorithm with some params on the FP32 model and scores the result on the tuning subset. */
    @FunctionalInterface
    interface Trial {
        /**
         * @param baseParams the base algorithm's params for this guess
         * @return each metric's average on the tuning subset
         * @throws ConfigurationException when the base algorithm refuses the params
         */
        Map<String, Double> score(Map<String, Object> baseParams);
    }

    /**
     * One guess, in the order run.
     *
     * @param overrides the keys the guess sets in the base params
     * @param error     its error on the tuning subset; empty when refused
     * @param refused   why the base algorithm refused it; empty when it ran
     */
    record Guess(Map<String, Object> overrides, OptionalDouble error, Optional<String> refused) {
    }

    /**
     * The search's outcome.
     *
     * @param best    the overrides of the lowest-error guess (empty when no guess ran)
     * @param guesses every guess, in order
     */
    record Result(Map<String, Object> best, List<Guess> guesses) {
        /** {@return {@code baseParams} with the best guess's keys replaced} */
        Map<String, Object> apply(Map<String, Object> baseParams) {
            return ParamsGridSearch.apply(baseParams, best);
        }
    }

    private final Map<String, MetricAttributes> metrics;
    private final Trial trial;
    private final System.Logger log;

    /**
     * @param metrics the metrics scored, with their direction
     * @param trial   quantizes and scores one guess
     * @param log     where each guess is logged
     */
    ParamsGridSearch(Map<String, MetricAttributes> metrics, Trial trial, System.Logger log) {
        this.metrics = metrics;
        this.trial = trial;
        this.log = log;
    }

    /** {@return the first search space: the weights guess, then activations min x max (min outer)} */
    static List<Map<String, Object>> rangeEstimatorSpace() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(Map.of("weights", estimator(Map.of("type", "min"), Map.of("type", "max"))));
        List<Map<String, Object>> mins = List.of(
                Map.of("type", "min", "aggregator", "min"),
                Map.of("type", "quantile", "aggregator", "mean", "outlier_prob", 1e-3),
                Map.of("type", "quantile", "aggregator", "mean", "outlier_prob", 1e-4));
        List<Map<String, Object>> maxes = List.of(
                Map.of("type", "max", "aggregator", "max"),
                Map.of("type", "quantile", "aggregator", "mean", "outlier_prob", 1e-3),
                Map.of("type", "quantile", "aggregator", "mean", "outlier_prob", 1e-4));
        for (Map<String, Object> min : mins) {
            for (Map<String, Object> max : maxes) {
                out.add(Map.of("activations", estimator(min, max)));
            }
        }
        return out;
    }

    /** {@return the second search space, before it is extended by the first space's best guess} */
    static List<Map<String, Object>> biasCorrectionSpace() {
        return List.of(Map.of("use_fast_bias", true), Map.of("use_fast_bias", false));
    }

    /** Runs the 12 guesses on top of {@code baseParams}. */
    Result search(Map<String, Object> baseParams) {
        List<Guess> guesses = new ArrayList<>();
        Map<String, Double> reference = null;
        double lowest = Double.POSITIVE_INFINITY;
        Map<String, Object> best = null;
        for (List<Map<String, Object>> space : List.of(rangeEstimatorSpace(), biasCorrectionSpace())) {
            Map<String, Object> carried = best == null ? Map.of() : best;
            for (Map<String, Object> g : space) {
                Map<String, Object> overrides = new LinkedHashMap<>(g);
                carried.forEach(overrides::putIfAbsent);
                Map<String, Double> values;
                try {
                    values = trial.score(apply(baseParams, overrides));
                } catch (ConfigurationException e) {
                    log.log(System.Logger.Level.WARNING, "{0}: tune_hyperparams: guess {1} {2} refused by the base"
                            + " algorithm: {3}", AccuracyAwareQuantization.NAME, guesses.size() + 1, overrides,
                            e.getMessage());
                    guesses.add(new Guess(overrides, OptionalDouble.empty(), Optional.of(e.getMessage())));
                    continue;
                }
                double error;
                if (reference == null) {
                    reference = new LinkedHashMap<>();
                    for (String m : metrics.keySet()) {
                        reference.put(m, values.get(m) + EPS);
                    }
                    error = 0;
                } else {
                    error = error(values, reference);
                }
                log.log(System.Logger.Level.INFO, "{0}: tune_hyperparams: guess {1} {2}: {3}, error {4}",
                        AccuracyAwareQuantization.NAME, guesses.size() + 1, overrides, values, error);
                guesses.add(new Guess(overrides, OptionalDouble.of(error), Optional.empty()));
                if (error < lowest) {
                    lowest = error;
                    best = overrides;
                }
            }
        }
        return new Result(best == null ? Map.of() : Collections.unmodifiableMap(best), List.copyOf(guesses));
    }

    /** {@code -mean_k sign_k (v_k - ref_k) / ref_k}: below 0 when the guess beats the reference. */
    private double error(Map<String, Double> values, Map<String, Double> reference) {
        double sum = 0;
        for (Map.Entry<String, MetricAttributes> e : metrics.entrySet()) {
            double ref = reference.get(e.getKey());
            sum += Scorer.sign(e.getValue()) * (values.get(e.getKey()) - ref) / ref;
        }
        return -sum / metrics.size();
    }

    private static Map<String, Object> estimator(Map<String, Object> min, Map<String, Object> max) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("min", min);
        range.put("max", max);
        return Map.of("range_estimator", range);
    }

    /** {@return a copy of {@code baseParams} with each key of {@code overrides} replaced as a whole} */
    static Map<String, Object> apply(Map<String, Object> baseParams, Map<String, Object> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(baseParams);
        out.putAll(overrides);
        return out;
    }
}
