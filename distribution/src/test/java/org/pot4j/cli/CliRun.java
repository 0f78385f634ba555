package org.pot4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.pot4j.api.progress.ProgressListener;
import picocli.CommandLine;

/**
 * Runs the real command in this JVM with captured output, as a user would type it.
 *
 * @param exitCode the exit code
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {
    /** {@code pot4j args...} (POT's forms included): a plain picocli command line as the brief's tests use it. */
    static CliRun of(String... args) {
        return run(new CommandLine(new Pot4jCommand(ProgressListener.NONE)), args);
    }

    /** {@code pot4j args...} with the command line {@code bin/pot4j} uses (compact usage errors). */
    static CliRun asLauncher(String... args) {
        return run(Pot4jCommand.commandLine(new Pot4jCommand(ProgressListener.NONE)), args);
    }

    private static CliRun run(CommandLine line, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = Pot4jCommand.execute(line, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The last non-empty line of standard output. */
    String lastLine() {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }

    /** The repository root (samples/ lives there). */
    static Path repoRoot() {
        String p = System.getProperty("pot4j.repo.root");
        return p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The shared assets folder, or the test is skipped. */
    static Path assets() {
        Path p = Path.of(System.getProperty("pot4j.assets", "../../shared/assets"));
        Assumptions.assumeTrue(Files.isDirectory(p), "shared assets not found at " + p + " (set -Dpot4j.assets)");
        return p;
    }

    /** samples/squeezenet1.1/squeezenet1.1.xml, or the test is skipped. */
    static Path squeezenet() {
        Path xml = repoRoot().resolve("samples/squeezenet1.1/squeezenet1.1.xml");
        Assumptions.assumeTrue(Files.isRegularFile(xml), "samples/ not found at " + xml);
        return xml;
    }
}
