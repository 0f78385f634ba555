package org.pot4j.core.hardware;

import java.util.List;

/**
 * Which inputs of an op must share one quantization range: all of them ({@code "unified_scales": "all"}, legacy
 * {@code "scales": "unified"}) or groups of input ports ({@code [[0, 1], [4, 5]]} for LSTMSequence).
 *
 * @param all        every quantized input shares one range
 * @param portGroups the port groups when not {@code all}
 */
public record UnifiedScales(boolean all, List<List<Integer>> portGroups) {
    /** Every input. */
    public static final UnifiedScales ALL = new UnifiedScales(true, List.of());

    public UnifiedScales {
        portGroups = portGroups.stream().map(List::copyOf).toList();
    }

    /** Port groups. */
    public static UnifiedScales ofGroups(List<List<Integer>> groups) {
        return new UnifiedScales(false, groups);
    }
}
