package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.metric.MetricAttributes;

/** The grid search of spec §2.10 with a hand-written trial that returns a metric value per guess. */
class ParamsGridSearchTest {
    private static final System.Logger LOG = System.getLogger(ParamsGridSearchTest.class.getName());
    private static final Map<String, Object> BASE = Map.of("preset", "performance", "stat_subset_size", 300,
            "activations", Map.of("bits", 8, "mode", "symmetric"));

    /** Records the params of every trial and answers from a list of values, one per call. */
    private static final class ListTrial implements ParamsGridSearch.Trial {
        final List<Map<String, Object>> seen = new ArrayList<>();
        private final List<Double> values;
        private final String metric;

        ListTrial(String metric, Double... values) {
            this.metric = metric;
            this.values = List.of(values);
        }

        @Override
        public Map<String, Double> score(Map<String, Object> baseParams) {
            seen.add(baseParams);
            if (Boolean.FALSE.equals(baseParams.get("use_fast_bias"))) {
                throw new ConfigurationException("params.use_fast_bias", "refused by the test's base algorithm");
            }
            return Map.of(metric, values.get(seen.size() - 1));
        }
    }

    @Test
    void twelveGuessesInPotsOrderTheBestRangeGuessCarriedIntoTheBiasSpace() {
        // accuracy per guess: 1 weights, 2-10 activations (min outer, max inner), 11-12 use_fast_bias
        ListTrial trial = new ListTrial("acc", 0.70, 0.71, 0.69, 0.75, 0.75, 0.60, 0.70, 0.70, 0.70, 0.70, 0.74, 0.0);
        ParamsGridSearch.Result r = new ParamsGridSearch(Map.of("acc", MetricAttributes.higherBetter("accuracy")),
                trial, LOG).search(BASE);

        List<Map<String, Object>> expected = new ArrayList<>(ParamsGridSearch.rangeEstimatorSpace());
        Map<String, Object> bestRange = expected.get(3); // 0.75, the first of the two
        for (Map<String, Object> bias : ParamsGridSearch.biasCorrectionSpace()) {
            Map<String, Object> g = new LinkedHashMap<>(bias);
            g.putAll(bestRange);
            expected.add(g);
        }
        assertEquals(12, r.guesses().size());
        assertEquals(expected, r.guesses().stream().map(ParamsGridSearch.Guess::overrides).toList());
        assertEquals(Map.of("weights", Map.of("range_estimator", Map.of("min", Map.of("type", "min"),
                "max", Map.of("type", "max")))), expected.get(0));
        assertEquals(Map.of("activations", Map.of("range_estimator", Map.of(
                "min", Map.of("type", "min", "aggregator", "min"),
                "max", Map.of("type", "quantile", "aggregator", "mean", "outlier_prob", 1e-3)))), expected.get(2));
        assertEquals(Map.of("activations", Map.of("range_estimator", Map.of(
                "min", Map.of("type", "quantile", "aggregator", "mean", "outlier_prob", 1e-3),
                "max", Map.of("type", "max", "aggregator", "max")))), expected.get(4));

        // the guess replaces the whole sub-config: bits and mode of the user's activations are gone
        assertEquals(bestRange.get("activations"), trial.seen.get(3).get("activations"));
        assertEquals(300, trial.seen.get(3).get("stat_subset_size"), "other keys are kept");

        // errors: first 0 against itself; then -(v - ref) / ref with ref = 0.70 + 1e-8
        double ref = 0.70 + ParamsGridSearch.EPS;
        assertEquals(0.0, r.guesses().get(0).error().getAsDouble());
        assertEquals(-(0.75 - ref) / ref, r.guesses().get(3).error().getAsDouble(), 1e-12);
        assertEquals(-(0.75 - ref) / ref, r.guesses().get(4).error().getAsDouble(), 1e-12);
        assertTrue(r.guesses().get(11).refused().orElseThrow().contains("refused"));
        assertTrue(r.guesses().get(11).error().isEmpty());
        // 0.75 (guess 4, kept over the tie at guess 5) beats use_fast_bias true (0.74)
        assertEquals(bestRange, r.best());
        assertEquals(ParamsGridSearch.apply(BASE, bestRange), r.apply(BASE));
    }

    @Test
    void aBiasGuessCanWinAndAHigherWorseMetricCountsLowerAsBetter() {
        ListTrial trial = new ListTrial("loss", 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.5, 1.0, 9.0);
        ParamsGridSearch.Result r = new ParamsGridSearch(Map.of("loss", MetricAttributes.higherWorse("loss")),
                trial, LOG).search(BASE);
        double ref = 2.0 + ParamsGridSearch.EPS;
        assertEquals((1.5 - ref) / ref, r.guesses().get(9).error().getAsDouble(), 1e-12);
        Map<String, Object> expected = new LinkedHashMap<>(Map.of("use_fast_bias", true));
        expected.putAll(ParamsGridSearch.rangeEstimatorSpace().get(9));
        assertEquals(expected, r.best(), "guess 11: use_fast_bias true with the best range guess (10)");
    }

    @Test
    void equalErrorsKeepTheFirstGuess() {
        ListTrial trial = new ListTrial("acc", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
        ParamsGridSearch.Result r = new ParamsGridSearch(Map.of("acc", MetricAttributes.higherBetter("accuracy")),
                trial, LOG).search(BASE);
        assertEquals(ParamsGridSearch.rangeEstimatorSpace().get(0), r.best());
    }
}
