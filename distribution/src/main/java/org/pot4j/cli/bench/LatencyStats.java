package org.pot4j.cli.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latency figures of timed iterations.
 *
 * @param medianMillis  the median iteration time
 * @param p10Millis     the 10th percentile (nearest rank)
 * @param p90Millis     the 90th percentile (nearest rank)
 * @param meanMillis    the mean
 * @param samplesPerSecond batch size times iterations over the total time
 * @param runs          the number of timed iterations
 */
public record LatencyStats(double medianMillis, double p10Millis, double p90Millis, double meanMillis,
                           double samplesPerSecond, int runs) {
    /** The figures of {@code nanos} (one entry per iteration) at batch size {@code batch}. */
    public static LatencyStats of(long[] nanos, int batch) {
        return ofMillis(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).boxed().toList(), batch);
    }

    /** The figures of {@code millis} (one entry per iteration) at batch size {@code batch}. */
    public static LatencyStats ofMillis(List<Double> millis, int batch) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no iterations timed");
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double total = Arrays.stream(sorted).sum();
        return new LatencyStats(median, rank(sorted, 0.1), rank(sorted, 0.9), total / n, batch * n / (total / 1e3), n);
    }

    private static double rank(double[] sorted, double p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
