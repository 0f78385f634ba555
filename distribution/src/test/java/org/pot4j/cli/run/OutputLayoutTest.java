package org.pot4j.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.Pot4jException;

class OutputLayoutTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 27, 9, 5, 7);

    @TempDir
    Path tmp;

    @Test
    void timestampFolderAsPot() throws IOException {
        OutputLayout a = OutputLayout.plan(new QuantizationJob.OutputOptions(tmp, false, false), "sq",
                List.of("DefaultQuantization"), NOW);
        assertEquals(tmp.resolve("sq_DefaultQuantization/2026-11-27_09-05-07"), a.runDirectory());
        assertEquals(a.runDirectory().resolve("optimized"), a.optimizedDirectory());
        a.create();
        assertTrue(Files.isDirectory(a.runDirectory()));
        OutputLayout b = OutputLayout.plan(new QuantizationJob.OutputOptions(tmp, false, false), "sq",
                List.of("DefaultQuantization"), NOW);
        b.create();
        assertEquals(tmp.resolve("sq_DefaultQuantization/2026-11-27_09-05-07_2"), b.runDirectory(),
                "a second run in the same second does not mix its files with the first");
        assertEquals(b.runDirectory().resolve("optimized"), b.optimizedDirectory());
        OutputLayout two = OutputLayout.plan(new QuantizationJob.OutputOptions(tmp, false, false), "sq",
                List.of("MinMax", "BiasCorrection"), NOW);
        assertTrue(two.runDirectory().toString().contains("sq_MinMax_BiasCorrection"));
    }

    @Test
    void runsPlannedInTheSameSecondGetFoldersOfTheirOwn() {
        // both plan before either creates, as two runs started together on the same --output-dir
        List<OutputLayout> layouts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            layouts.add(OutputLayout.plan(new QuantizationJob.OutputOptions(tmp, false, false), "sq",
                    List.of("DefaultQuantization"), NOW));
        }
        layouts.forEach(OutputLayout::create);
        Set<Path> folders = new HashSet<>();
        layouts.forEach(l -> folders.add(l.runDirectory()));
        assertEquals(3, folders.size(), folders.toString());
    }

    @Test
    void modelNamesThatAreNotPlainNamesCannotPlaceTheRunFolder() {
        Pot4jException e = assertThrows(Pot4jException.class, () -> OutputLayout.plan(
                new QuantizationJob.OutputOptions(tmp, false, false), "../../x", List.of("A"), NOW));
        assertTrue(e.getMessage().contains("'../../x_A'"), e.getMessage());
    }

    @Test
    void aFailedRunRemovesTheFoldersItCreatedButNothingElse() throws IOException {
        Path out = tmp.resolve("new/out");
        OutputLayout a = OutputLayout.plan(new QuantizationJob.OutputOptions(out, false, false), "sq",
                List.of("A"), NOW);
        a.create();
        a.removeCreated();
        assertFalse(Files.exists(tmp.resolve("new")), "every folder the run made is gone");
        assertTrue(Files.isDirectory(tmp));

        Files.createDirectories(out);
        OutputLayout b = OutputLayout.plan(new QuantizationJob.OutputOptions(out, true, false), "sq", List.of("A"),
                NOW);
        b.create();
        Files.writeString(out.resolve("log.txt"), "an earlier run's log");
        b.removeCreated();
        assertEquals("an earlier run's log", Files.readString(out.resolve("log.txt")), "-d into an existing folder");
    }

    @Test
    void directDumpWritesIntoTheOutputFolder() {
        OutputLayout d = OutputLayout.plan(new QuantizationJob.OutputOptions(tmp, true, false), "sq",
                List.of("DefaultQuantization"), NOW);
        assertEquals(tmp, d.runDirectory());
        assertEquals(tmp.resolve("optimized"), d.optimizedDirectory());
    }

    @Test
    void refusesAnOptimizedFolderHoldingTheInput() throws IOException {
        Path input = Files.createDirectories(tmp.resolve("optimized")).resolve("m.xml");
        Files.writeString(input, "<net/>");
        OutputLayout d = OutputLayout.plan(new QuantizationJob.OutputOptions(tmp, true, false), "m", List.of("A"), NOW);
        Pot4jException e = assertThrows(Pot4jException.class, () -> d.refuseToOverwrite(List.of(input)));
        assertTrue(e.getMessage().startsWith("refusing to write into " + tmp.resolve("optimized")), e.getMessage());
        assertEquals("<net/>", Files.readString(input), "the input is untouched");
    }
}
