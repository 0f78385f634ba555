package org.pot4j.cli.bench;

import java.util.Arrays;

/**
 * Latency figures of timed iterations.
 *
 * @param medianMillis  the median iteration time
 * @param p90Millis     the 90th percentile (nearest rank)
 * @param meanMillis    the mean
 * @param samplesPerSecond batch size times iterations over the total time
 */
public record LatencyStats(double medianMillis, double p90Millis, double meanMillis, double samplesPerSecond) {
    /** The figures of {@code nanos} (one entry per iteration) at batch size {@code batch}. */
    public static LatencyStats of(long[] nanos, int batch) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no iterations timed");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double p90 = sorted[Math.min(n - 1, (int) Math.ceil(0.9 * n) - 1)];
        double total = Arrays.stream(sorted).sum();
        return new LatencyStats(median / 1e6, p90 / 1e6, total / n / 1e6, batch * n / (total / 1e9));
    }
}
