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
 * plugins (loaded once, on first use), the progress display and the {@code --debug} switch.
 */
@Command(name = "pot4j", mixinStandardHelpOptions = true, versionProvider = Pot4jVersion.class,
        description = "Post-training quantization of OpenVINO IR and ONNX models on the JVM (OpenVINO POT's workflow).",
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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    boolean debug() {
        return debug;
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
