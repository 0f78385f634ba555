package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ranking subset of spec §2.6: the samples on which the quantized model lost most against the FP32 model, the
 * ones the quantizer groups are scored on; and the "hardest" subset {@code tune_hyperparams} scores its guesses on
 * (§2.10).
 */
final class RankingSubset {
    private RankingSubset() {
    }

    /**
     * Orders the per-sample subset by FP32 minus quantized value, descending (ties: the later position first, the
     * rule pot4j picked where POT relies on numpy's argsort), and keeps the first {@code size}.
     *
     * @param reference the FP32 per-sample values (higher is better), one per position of {@code indices}
     * @param quantized the quantized model's per-sample values, same positions
     * @param indices   the data set index of each position (the per-sample subset)
     * @param size      {@code ranking_subset_size}
     * @return data set indices, worst first
     */
    static int[] of(List<Double> reference, List<Double> quantized, int[] indices, int size) {
        return Arrays.stream(order(reference, quantized, indices)).limit(size).toArray();
    }

    /**
     * The tuning subset of spec §2.10 (POT's {@code _create_hardest_ranking_subset}): until {@code size} distinct
     * samples are chosen, each metric adds the first ceil(need / #metrics) samples of its own order (as {@link #of})
     * starting at offset |chosen|; the last round may overshoot {@code size}, as in POT. Where POT would count a sample
     * chosen twice and stop short, pot4j stops when a round adds nothing.
     *
     * @param reference the FP32 per-sample values by metric (higher is better), one per position of {@code indices}
     * @param quantized the quantized model's per-sample values by metric, same positions
     * @param indices   the data set index of each position (the per-sample subset)
     * @param size      {@code ranking_subset_size} (capped at the number of samples)
     * @return data set indices, in the order chosen
     */
    static int[] hardest(Map<String, List<Double>> reference, Map<String, List<Double>> quantized, int[] indices,
                         int size) {
        int target = Math.min(size, indices.length);
        List<int[]> orders = new ArrayList<>();
        reference.forEach((m, u) -> orders.add(order(u, quantized.get(m), indices)));
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < target) {
            int before = chosen.size();
            int top = (int) Math.ceil((target - before) / (double) orders.size());
            for (int[] order : orders) {
                for (int k = before; k < Math.min(before + top, order.length); k++) {
                    chosen.add(order[k]);
                }
            }
            if (chosen.size() == before) {
                break;
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every position's data set index, ordered as {@link #of}. */
    private static int[] order(List<Double> reference, List<Double> quantized, int[] indices) {
        if (reference.size() != indices.length || quantized.size() != indices.length) {
            throw new IllegalArgumentException("per-sample values: " + reference.size() + " FP32 and "
                    + quantized.size() + " quantized for " + indices.length + " samples");
        }
        Integer[] order = new Integer[indices.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> reference.get(i) - quantized.get(i))
                .thenComparingInt(i -> i).reversed());
        return Arrays.stream(order).mapToInt(p -> indices[p]).toArray();
    }
}
