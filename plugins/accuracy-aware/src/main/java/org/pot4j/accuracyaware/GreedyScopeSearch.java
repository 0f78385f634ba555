package org.pot4j.accuracyaware;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The greedy scope search of spec §2.8 with the group scores of §2.7, on quantizer groups and drops only: how a
 * model is re-quantized, evaluated and scored is left to {@link Models}, so the control flow can be driven by the
 * real base algorithm and data set ({@link AccuracyAwareQuantization}) or by a table of values (the spec's §6.1
 * example in the tests).
 *
 * <p>One group is reverted per iteration. The list is re-ranked only at the start, after a drop increase that was
 * not tolerated (rolled back when {@code use_prev_if_drop_increase}) and after a metric switch; a drop that decreases
 * (or stays equal) while still too high, and the first increase after the start or after a rollback, keep the list.
 *
 * @param <S> a model of the search with its reverted ops and drops
 */
final class GreedyScopeSearch<S extends GreedyScopeSearch.Evaluated> {
    /** A model the search has evaluated on the full data set. */
    interface Evaluated {
        /** {@return the ops left in float} */
        Set<String> reverted();

        /** {@return the drop per metric} */
        Map<String, Double> drop();
    }

    /**
     * What the search asks of the models it explores.
     *
     * @param <S> a model with its reverted ops and drops
     */
    interface Models<S> {
        /** {@return the quantizer groups of {@code model}, in graph order} */
        List<QuantizerGroups.Group> groups(S model);

        /** {@return {@code model} with {@code group}'s ops also in float, evaluated on the full data set} */
        S revert(S model, QuantizerGroups.Group group);

        /** {@return the ranking subset (spec §2.6) of {@code model} for {@code metric}: data set indices} */
        int[] rankingSubset(S model, String metric);

        /**
         * The score of §2.7: {@code metric} on {@code subset} of {@code model} with {@code group}'s ops also in
         * float, direction applied (higher means reverting helps more). One evaluation on the ranking subset.
         */
        double rankingScore(S model, QuantizerGroups.Group group, int[] subset, String metric);

        /** {@return true when {@code model} has no quantizer left} */
        boolean fullyFloat(S model);
    }

    /**
     * The end of a search.
     *
     * @param result             the returned model: the last accepted state
     * @param firstRanking       the ranking of the starting model, best revert first
     * @param rankingSeconds     wall time of the first ranking
     * @param rankingEvaluations evaluations on the ranking subset, over all rankings
     * @param iterations         full-data-set evaluations of reverted models (one per iteration)
     * @param <S>                the model type
     */
    record Outcome<S>(S result, List<AccuracyAwareQuantization.Ranked> firstRanking, double rankingSeconds,
                      int rankingEvaluations, int iterations) {
    }

    private final DropTargets targets;
    private final int maxIterNum;
    private final boolean usePrevIfDropIncrease;
    private final Models<S> models;
    private final System.Logger log;
    private int rankingEvaluations;
    private int iterations;

    /**
     * @param targets               the allowed drops and the metric choice (§2.3)
     * @param maxIterNum            {@code max_iter_num}
     * @param usePrevIfDropIncrease {@code use_prev_if_drop_increase}
     * @param models                how models are reverted, evaluated and scored
     * @param log                   where iterations are logged
     */
    GreedyScopeSearch(DropTargets targets, int maxIterNum, boolean usePrevIfDropIncrease, Models<S> models,
                      System.Logger log) {
        this.targets = targets;
        this.maxIterNum = maxIterNum;
        this.usePrevIfDropIncrease = usePrevIfDropIncrease;
        this.models = models;
        this.log = log;
    }

    /**
     * Ranks the groups of {@code start} and, unless {@code rankOnly}, reverts them greedily.
     *
     * @param start    the quantized model the search starts from; its drop is POT's {@code original_accuracy_drop}
     * @param rankOnly only rank (the drop is already met and a sensitivity report was asked for)
     */
    Outcome<S> run(S start, boolean rankOnly) {
        Map<String, Double> drop0 = start.drop();
        S model = start;
        String m = targets.worstMetric(drop0);
        double acc = drop0.get(m);
        long t0 = System.nanoTime();
        List<AccuracyAwareQuantization.Ranked> first = rank(model, m);
        double rankingSeconds = (System.nanoTime() - t0) / 1e9;
        if (rankOnly) {
            return new Outcome<>(model, first, rankingSeconds, rankingEvaluations, iterations);
        }
        Deque<AccuracyAwareQuantization.Ranked> list = new ArrayDeque<>(first);
        boolean stepBack = true;
        for (int it = 0; it < maxIterNum; it++) {
            S prev = model;
            if (list.isEmpty()) {
                log.log(System.Logger.Level.WARNING, "{0}: no more layers to revert; could not achieve the required"
                        + " accuracy drop", AccuracyAwareQuantization.NAME);
                break;
            }
            AccuracyAwareQuantization.Ranked g = list.pollFirst();
            model = models.revert(model, g.group());
            iterations++;
            // the evaluated drops, kept after a rollback: POT picks the next metric from them
            Map<String, Double> drop = model.drop();
            double now = drop.get(m);
            log.log(System.Logger.Level.INFO, "{0}: iteration {1}: reverted {2} -> drop {3}",
                    AccuracyAwareQuantization.NAME, it + 1, g.group().ops(), drop);
            if (models.fullyFloat(model) || targets.met(drop)) {
                break;
            }
            if ((targets.maxDrop().get(m) < now && now <= acc) || (now > acc && stepBack)) {
                stepBack = false;
                acc = now;
                continue;
            }
            if (now > acc && usePrevIfDropIncrease) {
                model = prev;
                stepBack = true;
            }
            acc = now;
            if (now <= targets.maxDrop().get(m)) {
                m = targets.worstMetric(drop);
                acc = drop0.get(m);
                stepBack = false;
            }
            list = new ArrayDeque<>(rank(model, m));
        }
        return new Outcome<>(model, first, rankingSeconds, rankingEvaluations, iterations);
    }

    /** §2.7: one evaluation on the ranking subset per group not yet in float; by (score, key) descending. */
    private List<AccuracyAwareQuantization.Ranked> rank(S model, String metric) {
        int[] subset = models.rankingSubset(model, metric);
        List<AccuracyAwareQuantization.Ranked> out = new ArrayList<>();
        for (QuantizerGroups.Group g : models.groups(model)) {
            if (model.reverted().containsAll(g.ops())) {
                continue;
            }
            double score = models.rankingScore(model, g, subset, metric);
            rankingEvaluations++;
            out.add(new AccuracyAwareQuantization.Ranked(g, score));
        }
        out.sort(Comparator.comparingDouble(AccuracyAwareQuantization.Ranked::score)
                .thenComparing(r -> r.group().key()).reversed());
        log.log(System.Logger.Level.DEBUG, "{0}: ranking {1}", AccuracyAwareQuantization.NAME, out);
        return out;
    }
}
