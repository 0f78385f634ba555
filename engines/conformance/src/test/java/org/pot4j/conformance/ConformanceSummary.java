package org.pot4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pot4j.conformance.CaseOutcome.Status;

/** Sums case outcomes per ONNX op and renders them, with the failures and the stale known-failure entries, as Markdown. */
final class ConformanceSummary {
    private final List<CaseOutcome> outcomes = new ArrayList<>();
    private final KnownFailures known;

    ConformanceSummary(KnownFailures known) {
        this.known = known;
    }

    synchronized void add(CaseOutcome outcome) {
        outcomes.add(outcome);
    }

    synchronized List<CaseOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Failed cases that are not on the known-failures list: each one fails the build. */
    List<CaseOutcome> unexpectedFailures() {
        return outcomes().stream().filter(o -> o.status() == Status.FAILED && known.reason(o.caseName()).isEmpty())
                .toList();
    }

    /** Listed cases that did not fail (they pass now, or no longer compile) or do not exist: the list should drop them. */
    Map<String, String> staleKnownFailures() {
        Map<String, Status> byCase = new TreeMap<>();
        outcomes().forEach(o -> byCase.put(o.caseName(), o.status()));
        Map<String, String> stale = new TreeMap<>();
        for (String name : known.entries().keySet()) {
            Status s = byCase.get(name);
            if (s == null) {
                stale.put(name, "no such case was run");
            } else if (s != Status.FAILED) {
                stale.put(name, s == Status.PASSED ? "passes now" : "now " + s.name().toLowerCase());
            }
        }
        return stale;
    }

    /** Counts per op: passed, failed (unexpected), known-failing, unsupported, unreadable. */
    Map<String, int[]> perOp() {
        Map<String, int[]> table = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CaseOutcome o : outcomes()) {
            int[] row = table.computeIfAbsent(o.op(), k -> new int[5]);
            row[column(o)]++;
        }
        return table;
    }

    private int column(CaseOutcome o) {
        switch (o.status()) {
            case PASSED: return 0;
            case FAILED: return known.reason(o.caseName()).isPresent() ? 2 : 1;
            case UNSUPPORTED: return 3;
            default: return 4;
        }
    }

    /** The report; {@code engineKinds} are the kernel kinds the engine registers. */
    String markdown(Collection<String> engineKinds, String command) {
        Map<String, int[]> table = perOp();
        int[] total = new int[5];
        table.values().forEach(r -> {
            for (int i = 0; i < 5; i++) {
                total[i] += r[i];
            }
        });
        StringBuilder md = new StringBuilder();
        md.append("# ONNX node tests on the reference engine\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" with `").append(command).append("`: ")
                .append(outcomes().size()).append(" cases, ").append(total[0]).append(" passed, ").append(total[1])
                .append(" failed, ").append(total[2]).append(" known-failing, ").append(total[3])
                .append(" unsupported (the engine refuses the model or pot4j cannot hold its data type), ")
                .append(total[4]).append(" unreadable (the ONNX plugin cannot map the model).\n\n");
        List<CaseOutcome> folded = outcomes().stream().filter(CaseOutcome::isFolded).toList();
        if (!folded.isEmpty()) {
            int[] f = new int[5];
            folded.forEach(o -> f[column(o)]++);
            md.append("Of these, ").append(folded.size()).append(" cases were run with recorded inputs folded (their ")
                    .append("shape-like graph inputs made initializers, since the plain model is unreadable): ")
                    .append(f[0]).append(" passed, ").append(f[1]).append(" failed, ").append(f[2])
                    .append(" known-failing, ").append(f[3]).append(" unsupported. Without folding: ")
                    .append(total[0] - f[0]).append(" passed, ").append(total[4] + folded.size())
                    .append(" unreadable.\n\n");
        }

        Set<String> compiled = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> allPass = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        table.forEach((op, r) -> {
            if (r[0] + r[1] + r[2] > 0) {
                compiled.add(op);
                if (r[1] + r[2] == 0) {
                    allPass.add(op);
                }
            }
        });
        md.append("Engine kernel kinds (").append(engineKinds.size()).append("): ")
                .append(String.join(", ", new TreeSet<>(engineKinds))).append("\n\n");
        md.append("ONNX ops the engine runs in at least one case (").append(compiled.size()).append("): ")
                .append(String.join(", ", compiled)).append("\n\n");
        md.append("ONNX ops passing every case it runs (").append(allPass.size()).append("): ")
                .append(String.join(", ", allPass)).append("\n\n");

        md.append("## Per op (ops with at least one case run)\n\n");
        md.append("| op | passed | failed | known-failing | unsupported | unreadable | of them run folded |\n")
                .append("|---|---|---|---|---|---|---|\n");
        Map<String, Integer> foldedPerOp = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        folded.forEach(o -> foldedPerOp.merge(o.op(), 1, Integer::sum));
        table.forEach((op, r) -> {
            if (compiled.contains(op)) {
                md.append("| ").append(op);
                for (int v : r) {
                    md.append(" | ").append(v);
                }
                md.append(" | ").append(foldedPerOp.getOrDefault(op, 0)).append(" |\n");
            }
        });
        md.append("\n## Ops not run (unsupported / unreadable cases)\n\n");
        List<String> notRun = new ArrayList<>();
        table.forEach((op, r) -> {
            if (!compiled.contains(op)) {
                notRun.add(op + " " + r[3] + "/" + r[4]);
            }
        });
        md.append(String.join(", ", notRun)).append("\n");
        md.append("\n## Why cases were not run (first reason per op)\n\n");
        Map<String, String> why = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CaseOutcome o : outcomes()) {
            if (o.status() == Status.UNSUPPORTED || o.status() == Status.UNREADABLE) {
                why.putIfAbsent(o.op(), o.caseName() + ": " + withoutFolder(o.detail()));
            }
        }
        why.forEach((op, reason) -> md.append("- ").append(op).append(": ").append(reason).append('\n'));

        if (!folded.isEmpty()) {
            md.append("\n## Run with recorded inputs folded (").append(folded.size()).append(")\n\n");
            for (CaseOutcome o : folded) {
                md.append("- ").append(o.caseName()).append(" (").append(o.op()).append("): ")
                        .append(o.status().name().toLowerCase()).append(", folded ").append(o.folded()).append('\n');
            }
        }
        section(md, "Unexpected failures (fail the build)", unexpectedFailures());
        section(md, "Known failures (known-failures.txt)", outcomes().stream()
                .filter(o -> o.status() == Status.FAILED && known.reason(o.caseName()).isPresent()).toList());
        Map<String, String> stale = staleKnownFailures();
        if (!stale.isEmpty()) {
            md.append("\n## Stale entries of known-failures.txt (remove them)\n\n");
            stale.forEach((name, staleWhy) -> md.append("- ").append(name).append(": ").append(staleWhy).append('\n'));
        }
        return md.toString();
    }

    /** Drops the absolute case folder a reader message starts with: the case name says it already. */
    private static String withoutFolder(String detail) {
        int model = detail.indexOf("/model.onnx: ");
        String shorter = model < 0 ? detail : detail.substring(model + "/model.onnx: ".length());
        return shorter.length() > 200 ? shorter.substring(0, 200) + "..." : shorter;
    }

    private void section(StringBuilder md, String title, List<CaseOutcome> cases) {
        if (cases.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append(" (").append(cases.size()).append(")\n\n");
        for (CaseOutcome o : cases) {
            md.append("- ").append(o.caseName()).append(" (").append(o.op()).append("): ").append(o.detail());
            known.reason(o.caseName()).ifPresent(r -> md.append(" — listed: ").append(r));
            md.append('\n');
        }
    }

    /** Writes {@code text} to {@code file} through a temporary file beside it. */
    static void write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance report " + file, e);
        }
    }
}
