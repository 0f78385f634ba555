package org.pot4j.core.timing;

import java.util.ArrayList;
import java.util.List;

/**
 * Times several tasks side by side for benchmarks (never for assertions): rounds of about 250 ms per task, taken in
 * turn, so a shared machine's load changes hit every task alike.
 */
public final class AlternatingRounds {
    private static final long ROUND_NANOS = 250_000_000L;

    private AlternatingRounds() {
    }

    /**
     * Runs the tasks in alternating rounds for about {@code seconds} in all and until each ran at least
     * {@code minimumRuns} times.
     *
     * @return the milliseconds of every run, one list per task, in run order
     */
    public static List<List<Double>> time(double seconds, int minimumRuns, List<Runnable> tasks) {
        return loop((long) (seconds * 1e9), minimumRuns, Integer.MAX_VALUE, tasks);
    }

    /**
     * Runs each task exactly {@code runs} times in alternating rounds (a round ends early once its task is done).
     *
     * @return the milliseconds of every run, one list per task, in run order
     */
    public static List<List<Double>> runs(int runs, List<Runnable> tasks) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        return loop(0, runs, runs, tasks);
    }

    private static List<List<Double>> loop(long budgetNanos, int minimumRuns, int maximumRuns, List<Runnable> tasks) {
        List<List<Double>> times = new ArrayList<>();
        tasks.forEach(t -> times.add(new ArrayList<>()));
        long end = System.nanoTime() + budgetNanos;
        while ((System.nanoTime() < end && times.stream().anyMatch(t -> t.size() < maximumRuns))
                || times.stream().anyMatch(t -> t.size() < minimumRuns)) {
            for (int i = 0; i < tasks.size(); i++) {
                List<Double> own = times.get(i);
                long roundEnd = System.nanoTime() + ROUND_NANOS;
                while (own.size() < maximumRuns) {
                    long t0 = System.nanoTime();
                    tasks.get(i).run();
                    own.add((System.nanoTime() - t0) / 1e6);
                    if (System.nanoTime() >= roundEnd) {
                        break;
                    }
                }
            }
        }
        return times;
    }

    /** The median (the upper one of an even count) of {@code times}. */
    public static double median(List<Double> times) {
        double[] sorted = sorted(times);
        return sorted[sorted.length / 2];
    }

    /** The nearest-rank percentile {@code p} (0..100) of {@code times}. */
    public static double percentile(List<Double> times, double p) {
        double[] sorted = sorted(times);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1))];
    }

    private static double[] sorted(List<Double> times) {
        if (times.isEmpty()) {
            throw new IllegalArgumentException("no times");
        }
        return times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
