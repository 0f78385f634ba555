package org.pot4j.testkit;

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
        List<List<Double>> times = new ArrayList<>();
        tasks.forEach(t -> times.add(new ArrayList<>()));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.stream().anyMatch(t -> t.size() < minimumRuns)) {
            for (int i = 0; i < tasks.size(); i++) {
                long roundEnd = System.nanoTime() + ROUND_NANOS;
                do {
                    long t0 = System.nanoTime();
                    tasks.get(i).run();
                    times.get(i).add((System.nanoTime() - t0) / 1e6);
                } while (System.nanoTime() < roundEnd);
            }
        }
        return times;
    }

    /** The median (the upper one of an even count) of {@code times}. */
    public static double median(List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
