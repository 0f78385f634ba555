package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.metric.MetricAttributes;

/**
 * The greedy loop of spec §2.8 on the worked example of §6.1: one metric {@code acc} (higher-better), baseline 80.0,
 * {@code maximal_drop} 1.0 absolute, four independent single-op groups {@code fq_a .. fq_d}.
 */
class GreedyScopeSearchTest {
    private static final System.Logger LOG = System.getLogger(GreedyScopeSearchTest.class.getName());
    private static final DropTargets TARGETS = DropTargets.of(Map.of("acc", MetricAttributes.higherBetter("accuracy")),
            Map.of("acc", 80.0), 1.0, false);

    /** The table of §6.1, with M({b}) replaceable for the last variant. */
    private static ToyModels toy(double valueWithB) {
        return new ToyModels(TARGETS, "a", "b", "c", "d")
                .full(Set.of(), Map.of("acc", 76.0))
                .full(Set.of("b"), Map.of("acc", valueWithB))
                .full(Set.of("b", "d"), Map.of("acc", 77.0))
                .full(Set.of("b", "a"), Map.of("acc", 78.5))
                .full(Set.of("b", "a", "c"), Map.of("acc", 79.25))
                .ranking(Set.of(), Map.of("a", 55.0, "b", 70.0, "c", 62.0, "d", 62.0))
                .ranking(Set.of("b"), Map.of("a", 66.0, "c", 64.0, "d", 60.0));
    }

    private static GreedyScopeSearch.Outcome<ToyModels.Toy> search(ToyModels toy, int maxIterNum) {
        return new GreedyScopeSearch<>(TARGETS, maxIterNum, true, toy, LOG).run(toy.start(), false);
    }

    @Test
    void revertsBThenRollsBackDReranksAndRevertsAAndC() {
        ToyModels toy = toy(77.5);
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = search(toy, Integer.MAX_VALUE);

        assertEquals(List.of("fq_b", "fq_d", "fq_c", "fq_a"),
                out.firstRanking().stream().map(r -> r.group().key()).toList(),
                "ranking 1 by score, the c/d tie to the larger name fq_d");
        // it0 b: 2.5 in (1.0, 4.0] keeps the list; it1 d: 3.0 > 2.5 after a tolerated step -> roll back to {b} and
        // re-rank [a, c, d]; it2 a: 1.5 in (1.0, 3.0]; it3 c: 0.75 <= 1.0, success
        assertEquals(List.of(List.of("b"), List.of("b", "d"), List.of("b", "a"), List.of("b", "a", "c")),
                toy.fullEvaluations);
        assertEquals(List.of("[] a acc", "[] b acc", "[] c acc", "[] d acc", "[b] a acc", "[b] c acc", "[b] d acc"),
                toy.rankingEvaluations, "ranked at the start and once on {b} after the rollback");
        assertEquals(List.of("b", "a", "c"), List.copyOf(out.result().reverted()), "d stays quantized");
        assertEquals(0.75, out.result().drop().get("acc"), 1e-12);
        assertTrue(TARGETS.met(out.result().drop()));
        // 4 full evaluations here; with the FP32 and the INT8 runs of AccuracyAwareQuantization.run before the
        // search, the spec's 6 full evaluations; 4 + 3 ranking-subset evaluations
        assertEquals(4, out.iterations());
        assertEquals(7, out.rankingEvaluations());
    }

    @Test
    void maxIterNumTwoReturnsTheRolledBackState() {
        ToyModels toy = toy(77.5);
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = search(toy, 2);
        assertEquals(List.of("b"), List.copyOf(out.result().reverted()));
        assertEquals(2.5, out.result().drop().get("acc"), 1e-12, "the true drop of {b}, not the rejected 3.0");
        assertEquals(List.of(List.of("b"), List.of("b", "d")), toy.fullEvaluations);
        assertEquals(7, out.rankingEvaluations(), "the rollback in the last iteration still re-ranks");
        assertFalse(TARGETS.met(out.result().drop()));
    }

    @Test
    void maxIterNumThreeReturnsBAndAMissingTheTarget() {
        ToyModels toy = toy(77.5);
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = search(toy, 3);
        assertEquals(List.of("b", "a"), List.copyOf(out.result().reverted()));
        assertEquals(1.5, out.result().drop().get("acc"), 1e-12);
        assertFalse(TARGETS.met(out.result().drop()));
        assertEquals(3, out.iterations());
    }

    @Test
    void theFirstIncreaseIsToleratedAndKeepsTheList() {
        ToyModels toy = toy(75.0);
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = search(toy, 2);
        // it0 b: 5.0 > 4.0 still accepted (initial stepBack); it1 takes d, next in the first ranking
        assertEquals(List.of(List.of("b"), List.of("b", "d")), toy.fullEvaluations);
        assertEquals(List.of("b", "d"), List.copyOf(out.result().reverted()), "3.0 <= 5.0: kept");
        assertEquals(4, out.rankingEvaluations(), "no re-ranking");
    }

    @Test
    void rankOnlyRanksWithoutReverting() {
        ToyModels toy = toy(77.5);
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = new GreedyScopeSearch<>(TARGETS, Integer.MAX_VALUE, true, toy,
                LOG).run(toy.start(), true);
        assertEquals(4, out.firstRanking().size());
        assertTrue(toy.fullEvaluations.isEmpty());
        assertTrue(out.result().reverted().isEmpty());
    }

    @Test
    void withoutUsePrevTheHarmfulRevertStaysAndTheListIsReranked() {
        ToyModels toy = toy(77.5).ranking(Set.of("b", "d"), Map.of("a", 70.0, "c", 65.0))
                .full(Set.of("b", "d", "a"), Map.of("acc", 79.5));
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = new GreedyScopeSearch<>(TARGETS, Integer.MAX_VALUE, false, toy,
                LOG).run(toy.start(), false);
        assertEquals(List.of(List.of("b"), List.of("b", "d"), List.of("b", "d", "a")), toy.fullEvaluations);
        assertEquals(List.of("b", "d", "a"), List.copyOf(out.result().reverted()));
        assertEquals(6, out.rankingEvaluations(), "re-ranked on {b, d}");
    }

    @Test
    void afterARollbackTheNextMetricIsChosenFromTheRejectedModelsDrops() {
        // two higher-better metrics, baselines 1.0, allowed drop 0.1; values = 1 - drop
        Map<String, MetricAttributes> metrics = new java.util.LinkedHashMap<>();
        metrics.put("m1", MetricAttributes.higherBetter("accuracy"));
        metrics.put("m2", MetricAttributes.higherBetter("accuracy"));
        DropTargets targets = DropTargets.of(metrics, Map.of("m1", 1.0, "m2", 1.0), 0.1, false);
        ToyModels toy = new ToyModels(targets, "a", "b", "c")
                .full(Set.of(), Map.of("m1", 0.5, "m2", 0.95))
                .full(Set.of("a"), Map.of("m1", 0.95, "m2", 0.7))
                .full(Set.of("a", "b"), Map.of("m1", 0.6, "m2", 0.92))
                .ranking(Set.of(), Map.of("a", 0.9, "b", 0.8, "c", 0.7))
                .ranking(Set.of("a"), Map.of("b", 0.9, "c", 0.8));
        GreedyScopeSearch.Outcome<ToyModels.Toy> out = new GreedyScopeSearch<>(targets, 2, true, toy, LOG)
                .run(toy.start(), false);
        // start: m1 (drop 0.5); it0 a: m1 0.05 met, m2 0.3 -> switch to m2, acc = its start drop 0.05, re-rank;
        // it1 b: m2 0.08 > 0.05 -> roll back to {a}; 0.08 <= 0.1 -> switch again, chosen from the evaluated drops
        // (m1 0.4, m2 0.08) -> m1, as POT's metrics_accuracy_drop; not from {a}'s drops, which would give m2
        assertEquals(List.of("[] a m1", "[] b m1", "[] c m1", "[a] b m2", "[a] c m2", "[a] b m1", "[a] c m1"),
                toy.rankingEvaluations);
        assertEquals(List.of("a"), List.copyOf(out.result().reverted()));
    }
}
