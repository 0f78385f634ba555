package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pot4j.api.progress.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"quantize", "run", "evaluate", "benchmark", "plugins"})
    void everySubcommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: pot4j " + command), r.out());
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String c : new String[] {"quantize", "run", "evaluate", "benchmark", "plugins"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " in\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 done, 1 the work failed"), r.out());
    }

    @Test
    void helpSubcommandShowsTheCommandsHelp() {
        CliRun r = CliRun.of("help", "quantize");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("--keep-uncompressed-weights"), r.out());
    }

    @Test
    void quantizeHelpNamesEveryPotOption() {
        String out = CliRun.of("quantize", "--help").out();
        for (String option : new String[] {"-m", "-w", "--data", "--preset", "--target-device", "--subset-size",
                "--engine", "--output-dir", "-d", "--keep-uncompressed-weights", "--layout", "--color", "--mean",
                "--scale", "--central-fraction"}) {
            assertTrue(out.contains(option), option + " in\n" + out);
        }
    }

    @Test
    void versionNamesPot4j() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("pot4j 0."), r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.asLauncher();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: missing command: one of quantize, run, evaluate, benchmark, plugins"),
                r.err());
        assertTrue(r.err().contains("Try 'pot4j --help' for more information."), r.err());
    }

    @Test
    void unknownOptionIsAUsageErrorWithASuggestion() {
        CliRun r = CliRun.asLauncher("quantize", "-m", "m.xml", "--data", "d", "--subset-sise", "3");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--subset-sise"), r.err());
        assertTrue(r.err().contains("--subset-size"), "suggestion in\n" + r.err());
    }

    /** Every paragraph of every command's and option's description, one per element. */
    private static List<String> paragraphs(CommandSpec spec) {
        List<String> all = new ArrayList<>();
        for (String d : spec.usageMessage().description()) {
            all.add(spec.qualifiedName() + ": " + d);
        }
        for (OptionSpec o : spec.options()) {
            for (String d : o.description()) {
                all.add(spec.qualifiedName() + " " + o.longestName() + ": " + d);
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            all.addAll(paragraphs(sub.getCommandSpec()));
        }
        return all;
    }

    @Test
    void everyDescriptionIsMadeOfWholeSentences() {
        CommandLine line = new CommandLine(new Pot4jCommand(ProgressListener.NONE));
        for (String paragraph : paragraphs(line.getCommandSpec())) {
            String text = paragraph.substring(paragraph.indexOf(": ") + 2).replaceAll("(%n)+$", "");
            assertTrue(text.isEmpty() || text.endsWith(".") || text.endsWith(".)"),
                    "a paragraph that stops mid-sentence: " + paragraph);
        }
    }

    @Test
    void theCommandListGivesEachCommandsWholeSummary() {
        String out = CliRun.of("--help").out();
        String commands = out.substring(out.indexOf("Commands:\n") + 10, out.indexOf("\nExit codes"));
        // a summary wraps onto indented lines; each ends with its sentence
        for (String entry : commands.split("\n  (?=\\S)")) {
            String summary = entry.strip().replaceAll("\\s+", " ");
            assertTrue(summary.endsWith("."), "cut summary: " + summary);
        }
    }
}
