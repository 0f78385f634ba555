package org.pot4j.engine.reference.plan;

/**
 * A chain of steps (a convolution or MatMul, then its bias Add and/or activation) that may run as one fused step.
 * The executor uses it only when no statistic is requested at an intermediate slot, so observers always see the
 * unfused values.
 *
 * @param members       indices into the graph's steps, producer first
 * @param intermediates the slots that disappear when fused (every member's output but the last)
 * @param fused         the step that replaces the members
 */
record Fusion(int[] members, int[] intermediates, Step fused) {
}
