package org.pot4j.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.cli.run.BadCommandLineException;
import org.pot4j.cli.run.RunLog;
import org.pot4j.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand does around its work: a pot4j error becomes one line {@code error: <message>} and exit code
 * 1 (with the stack trace only under {@code --debug}); a {@link BadCommandLineException} is a usage error (exit 2);
 * running out of memory says how to give more or need less; an unexpected exception says it is a bug. The notes of
 * the run's log (where a failed run's log went) follow the error line.
 */
abstract class Pot4jSubcommand implements Callable<Integer> {
    @ParentCommand
    private Pot4jCommand root;

    @Spec
    CommandSpec spec;

    private RunLog runLog;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (BadCommandLineException e) {
            throw usage(e.getMessage());
        } catch (Pot4jException e) {
            err().println("error: " + e.getMessage());
            printNotes();
            if (root.debug()) {
                e.printStackTrace(err());
            }
            return 1;
        } catch (OutOfMemoryError e) {
            err().println("error: out of memory (" + e.getMessage() + "; Java heap limit "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB): give pot4j a larger heap with "
                    + "POT4J_OPTS=-Xmx<size> (e.g. POT4J_OPTS=-Xmx8g), or lower the batch size (stat_batch_size in a "
                    + "config, --batch on the command line) or the number of samples");
            printNotes();
            if (root.debug()) {
                e.printStackTrace(err());
            }
            return 1;
        } catch (RuntimeException | StackOverflowError e) {
            err().println("error: unexpected " + e + (root.debug() ? "" : " (run with --debug for the stack trace)"));
            printNotes();
            if (root.debug()) {
                e.printStackTrace(err());
            }
            return 1;
        } finally {
            out().flush();
            err().flush();
            root.closePlugins();
        }
    }

    /** The work; returns the exit code. */
    abstract int execute();

    /** The log of this command's run, shown as {@code display} says; its notes are printed after an error. */
    RunLog runLog(DisplayOptions display) {
        runLog = display.runLog(out(), Clock.systemDefaultZone());
        root.progressMode(display.progressMode());
        return runLog;
    }

    private void printNotes() {
        if (runLog != null) {
            runLog.notes().forEach(err()::println);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Pot4jCommand root() {
        return root;
    }

    PluginRegistry registry() {
        return root.plugins(err()).registry();
    }

    /** A usage error (exit 2) for this subcommand. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
