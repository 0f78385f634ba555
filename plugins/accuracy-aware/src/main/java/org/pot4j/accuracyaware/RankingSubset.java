package org.pot4j.accuracyaware;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ranking subset of spec §2.6: the samples on which the quantized model lost most against the FP32 model, the
 * ones the quantizer groups are scored on.
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
        return Arrays.stream(order).limit(size).mapToInt(p -> indices[p]).toArray();
    }
}
