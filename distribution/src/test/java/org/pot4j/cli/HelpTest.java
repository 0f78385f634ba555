package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
}
