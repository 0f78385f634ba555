package org.pot4j.accuracyaware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pot4j.api.error.AlgorithmException;

/**
 * What an AccuracyAware run found: each quantizer group's score when it alone is reverted (the first ranking, best
 * revert first), the ops the run left in float (a ready-to-paste {@code ignored.scope}), the drops, and how long the
 * ranking took against one evaluation pass. Written as JSON ({@link #write}) and as a console table ({@link #table}).
 *
 * @param algorithm          the algorithm's name
 * @param baseline           the baseline per metric
 * @param quantized          the metric of the base algorithm's model per metric (before any revert)
 * @param initialDrop        its drop per metric
 * @param finalValues        the metric of the returned model
 * @param finalDrop          its drop per metric
 * @param maxDrop            the allowed drop per metric
 * @param entries            the ranking, best revert first
 * @param ignoredScope       the ops the returned model leaves in float
 * @param met                whether every drop is within its limit
 * @param quantizedOps       the quantizable ops the base algorithm quantized (the ranked groups' ops)
 * @param rankingSeconds     wall time of the first ranking
 * @param evaluationSeconds  mean wall time of one evaluation pass over every scored sample
 * @param rankingEvaluations evaluations on the ranking subset during the run
 * @param iterations         revert iterations done (§2.8; 0 when the base algorithm's model was kept)
 * @param maxIterations      {@code max_iter_num} ({@link Integer#MAX_VALUE}: unlimited, null in JSON)
 */
public record SensitivityReport(String algorithm, Map<String, Double> baseline, Map<String, Double> quantized,
                                Map<String, Double> initialDrop, Map<String, Double> finalValues,
                                Map<String, Double> finalDrop, Map<String, Double> maxDrop, List<Entry> entries,
                                List<String> ignoredScope, boolean met, int quantizedOps, double rankingSeconds,
                                double evaluationSeconds, int rankingEvaluations, int iterations,
                                int maxIterations) {
    /**
     * One ranked group.
     *
     * @param rank       1 for the group whose revert helps most
     * @param key        the group's seed quantizer
     * @param ops        the ops it returns to float
     * @param quantizers the quantizers it removes
     * @param score      the metric on the ranking subset with the group alone reverted (direction applied: higher
     *                   is better)
     */
    public record Entry(int rank, String key, List<String> ops, List<String> quantizers, double score) {
    }

    static SensitivityReport of(String algorithm, Map<String, Double> baseline, AccuracyAwareQuantization.State end,
                                Map<String, Double> maxDrop, List<AccuracyAwareQuantization.Ranked> ranking,
                                double rankingSeconds, double evaluationSeconds, int rankingEvaluations, boolean met) {
        List<Entry> entries = new ArrayList<>();
        for (AccuracyAwareQuantization.Ranked r : ranking) {
            entries.add(new Entry(entries.size() + 1, r.group().key(), r.group().ops(), r.group().quantizers(),
                    r.score()));
        }
        return new SensitivityReport(algorithm, Map.copyOf(baseline), end.scores().averages(), end.drop(),
                end.scores().averages(), end.drop(), Map.copyOf(maxDrop), List.copyOf(entries),
                List.copyOf(end.reverted()), met, 0, rankingSeconds, evaluationSeconds, rankingEvaluations, 0,
                Integer.MAX_VALUE);
    }

    SensitivityReport withQuantizedOps(int ops, Map<String, Double> initialDrop, Map<String, Double> quantized) {
        return new SensitivityReport(algorithm, baseline, Map.copyOf(quantized), Map.copyOf(initialDrop), finalValues,
                finalDrop, maxDrop, entries, ignoredScope, met, ops, rankingSeconds, evaluationSeconds,
                rankingEvaluations, iterations, maxIterations);
    }

    SensitivityReport withIterations(int done, int max) {
        return new SensitivityReport(algorithm, baseline, quantized, initialDrop, finalValues, finalDrop, maxDrop,
                entries, ignoredScope, met, quantizedOps, rankingSeconds, evaluationSeconds, rankingEvaluations, done,
                max);
    }

    /** {@return true when the drop was not met and the run stopped at {@code max_iter_num} iterations} */
    public boolean stoppedAtMaxIterations() {
        return !met && iterations >= maxIterations;
    }

    /** {@return the ranking as a console table, then the ignored scope and the timings} */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%4s  %12s  %s%n", "rank", "score", "ops reverted (seed quantizer)"));
        for (Entry e : entries) {
            sb.append(String.format(Locale.ROOT, "%4d  %12.6f  %s (%s)%n", e.rank(), e.score(),
                    String.join(", ", e.ops()), e.key()));
        }
        sb.append("ignored.scope (").append(met ? "meets" : stoppedAtMaxIterations() ? "does NOT meet, within "
                + maxIterations + " iterations (max_iter_num)," : "does NOT meet").append(" the drop ").append(maxDrop)
                .append(": final drop ").append(finalDrop).append("): ").append(json(ignoredScope)).append('\n');
        sb.append(String.format(Locale.ROOT, "ranking: %.2f s for %d groups; one evaluation pass: %.2f s; %d revert"
                + " iterations", rankingSeconds, entries.size(), evaluationSeconds, iterations));
        return sb.toString();
    }

    /** {@return the report as JSON} */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"algorithm\": ").append(json(algorithm)).append(",\n");
        sb.append("  \"baseline\": ").append(json(baseline)).append(",\n");
        sb.append("  \"quantized\": ").append(json(quantized)).append(",\n");
        sb.append("  \"initial_drop\": ").append(json(initialDrop)).append(",\n");
        sb.append("  \"final\": ").append(json(finalValues)).append(",\n");
        sb.append("  \"final_drop\": ").append(json(finalDrop)).append(",\n");
        sb.append("  \"maximal_drop\": ").append(json(maxDrop)).append(",\n");
        sb.append("  \"met\": ").append(met).append(",\n");
        sb.append("  \"quantized_ops\": ").append(quantizedOps).append(",\n");
        sb.append("  \"ranking_seconds\": ").append(num(rankingSeconds)).append(",\n");
        sb.append("  \"evaluation_seconds\": ").append(num(evaluationSeconds)).append(",\n");
        sb.append("  \"ranking_evaluations\": ").append(rankingEvaluations).append(",\n");
        sb.append("  \"iterations\": ").append(iterations).append(",\n");
        sb.append("  \"max_iter_num\": ").append(maxIterations == Integer.MAX_VALUE ? "null"
                : String.valueOf(maxIterations)).append(",\n");
        sb.append("  \"ignored\": {\"scope\": ").append(json(ignoredScope)).append("},\n");
        sb.append("  \"ranking\": [");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"rank\": ").append(e.rank()).append(", \"key\": ")
                    .append(json(e.key())).append(", \"score\": ").append(num(e.score())).append(", \"ops\": ")
                    .append(json(e.ops())).append(", \"quantizers\": ").append(json(e.quantizers())).append('}');
        }
        sb.append(entries.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return sb.toString();
    }

    /** Writes {@link #toJson()} to {@code file}. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new AlgorithmException("cannot write the sensitivity report " + file + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String json(Object v) {
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            new java.util.TreeMap<>(m).forEach((k, x) -> parts.add(json(String.valueOf(k)) + ": " + json(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(json(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Double d) {
            return num(d);
        }
        return String.valueOf(v);
    }
}
