package org.pot4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.cli.plugins.LoadedPlugins;
import org.pot4j.cli.plugins.SkippedPlugin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code pot4j} command: OpenVINO POT's command line for the JVM. Holds what every subcommand shares: the
 * plugins (loaded once, on first use), the progress display and the {@code --debug} switch. POT's own command lines
 * ({@code -q ...}, {@code -c ...}) run as the {@code quantize} and {@code run} commands ({@link PotStyleArguments}).
 */
@Command(name = "pot4j", mixinStandardHelpOptions = true, versionProvider = Pot4jVersion.class,
        customSynopsis = {
                "pot4j [-hV] [--debug] [--plugins-dir=DIR] COMMAND [OPTIONS]",
                "or as POT:",
                "  pot4j -q default|accuracy_aware -m MODEL.xml -w MODEL.bin [-n NAME]",
                "        [--preset performance|mixed] [--max-drop D] [COMMON]",
                "        (--ac-config AC.yml | --engine simplified --data-source DIR)",
                "  pot4j -c CONFIG.json [COMMON]",
                "with COMMON: [-e] [--output-dir DIR] [-d] [--log-level LEVEL] [--progress-bar]",
                "        [--stream-output] [--keep-uncompressed-weights]"},
        description = {"",
                "Post-training quantization of OpenVINO IR and ONNX models on the JVM, with OpenVINO POT's workflow.",
                "POT's command lines run unchanged: '-q ...' is 'pot4j quantize -q ...' and '-c ...' is 'pot4j run -c"
                        + " ...', so every option of those commands may be added (pot4j quantize --help, pot4j run"
                        + " --help). pot4j has no Accuracy Checker: use --engine simplified --data-source DIR, or"
                        + " \"type\": \"simplified\" in a configuration.", ""},
        subcommands = {QuantizeCommand.class, RunCommand.class, EvaluateCommand.class, BenchmarkCommand.class,
                PluginsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 the work failed (the message says why), 2 wrong command line."})
public final class Pot4jCommand implements Runnable {
    /** The system property {@code bin/pot4j} sets to the distribution's {@code plugins/} folder. */
    public static final String PLUGINS_DIR_PROPERTY = "pot4j.plugins.dir";

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    private boolean debug;

    @Option(names = "--plugins-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of PF4J plugin jars to load (default: system property " + PLUGINS_DIR_PROPERTY
                    + ", which bin/pot4j sets to the distribution's plugins/).")
    private Path pluginsDir;

    private ProgressListener progress;
    private LoadedPlugins plugins;

    /** The command as {@code bin/pot4j} runs it: progress on standard error. */
    public Pot4jCommand() {
        this(null);
    }

    /** A command reporting progress to {@code progress} (tests pass their own); null for standard error. */
    public Pot4jCommand(ProgressListener progress) {
        this.progress = progress;
    }

    /** A command line with pot4j's compact handling of usage errors ({@code error: ...} and a hint, exit 2). */
    public static CommandLine commandLine(Pot4jCommand command) {
        CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler(new UsageErrorHandler());
        return line;
    }

    /**
     * Runs {@code args} on {@code line} (a {@code Pot4jCommand}'s), POT's {@code -q}/{@code -c} forms included.
     *
     * @return the exit code
     */
    public static int execute(CommandLine line, String... args) {
        PotStyleArguments pot = PotStyleArguments.of(args, line.getSubcommands().keySet());
        if (pot.error() != null) {
            try {
                return line.getParameterExceptionHandler().handleParseException(
                        new CommandLine.ParameterException(line, pot.error()), args);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return line.execute(pot.args());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of "
                + String.join(", ", spec.subcommands().keySet()) + " (or POT's -q default|accuracy_aware ... or -c"
                + " CONFIG ...)");
    }

    boolean debug() {
        return debug;
    }

    /** Shows progress as {@code mode} says, unless a listener was given (tests) or is already in use. */
    synchronized void progressMode(ConsoleProgressListener.Mode mode) {
        if (progress == null) {
            progress = ConsoleProgressListener.forStandardError(mode);
        }
    }

    /** One listener for the whole command: a task's start and its progress must reach the same instance. */
    synchronized ProgressListener progress() {
        if (progress == null) {
            progress = ConsoleProgressListener.forStandardError();
        }
        return progress;
    }

    /** The plugins, loaded on first use; skipped drop-in jars are reported on {@code err} once. */
    LoadedPlugins plugins(PrintWriter err) {
        if (plugins == null) {
            Optional<Path> folder = Optional.ofNullable(pluginsDir)
                    .or(() -> Optional.ofNullable(System.getProperty(PLUGINS_DIR_PROPERTY))
                            .filter(s -> !s.isBlank()).map(Path::of));
            plugins = LoadedPlugins.load(Pot4jCommand.class.getClassLoader(), folder);
            for (SkippedPlugin skipped : plugins.skipped()) {
                err.println("warning: skipped plugin " + skipped);
            }
            err.flush();
        }
        return plugins;
    }

    /** Unloads the drop-in plugins (after the command ran). */
    void closePlugins() {
        if (plugins != null) {
            plugins.close();
            plugins = null;
        }
    }
}
