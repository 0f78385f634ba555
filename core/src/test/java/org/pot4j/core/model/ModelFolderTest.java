package org.pot4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.Pot4jException;

class ModelFolderTest {
    @TempDir
    Path tmp;

    @Test
    void publishMovesTheWholeFolderThenReplacesFilesOfAnEarlierSave() throws IOException {
        Path target = tmp.resolve("optimized");
        for (String content : new String[] {"first", "second"}) {
            Path temp = ModelFolder.temporaryFolder(tmp, "optimized");
            Path xml = Files.writeString(temp.resolve("m.xml"), content);
            Path bin = Files.writeString(temp.resolve("m.bin"), content);
            List<Path> published = ModelFolder.publish(temp, List.of(xml, bin), target, List.of());
            ModelFolder.deleteTree(temp);
            assertEquals(List.of(target.resolve("m.xml"), target.resolve("m.bin")), published);
            assertEquals(content, Files.readString(published.get(0)));
            assertFalse(Files.exists(temp), "the temporary folder is gone");
        }
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(target), left.toList(), "nothing but the saved folder");
        }
    }

    @Test
    void neverReplacesAnInputFile() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("models"));
        Path input = Files.writeString(target.resolve("m.xml"), "<net/>");
        Path temp = ModelFolder.temporaryFolder(tmp, "models");
        Path written = Files.writeString(temp.resolve("m.xml"), "new");
        Pot4jException e = assertThrows(Pot4jException.class,
                () -> ModelFolder.publish(temp, List.of(written), target, List.of(input)));
        assertTrue(e.getMessage().startsWith("refusing to overwrite the input file " + input), e.getMessage());
        assertEquals("<net/>", Files.readString(input), "the input is untouched");
    }

    @Test
    void modelNamesArePlainFileNames() {
        ModelFolder.checkModelName("squeezenet1.1_int8");
        for (String bad : new String[] {"", " ", "../x", "/abs/x", "a\\b", "..", ".", "a\nb"}) {
            assertThrows(IllegalArgumentException.class, () -> ModelFolder.checkModelName(bad), bad);
        }
    }

    /** The earlier model in {@code target}: m.xml and m.bin saying "old", plus another model's file. */
    private Path earlierSave() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("optimized"));
        Files.writeString(target.resolve("m.xml"), "old");
        Files.writeString(target.resolve("m.bin"), "old");
        Files.writeString(target.resolve("other.xml"), "another model");
        return target;
    }

    /** A new save of m, written into a temporary folder beside {@code target}. */
    private List<Path> newSave(Path temp) throws IOException {
        return List.of(Files.writeString(temp.resolve("m.xml"), "new"), Files.writeString(temp.resolve("m.bin"), "new"));
    }

    /** What a reader of the folder sees: "old", "new", "none" (no folder), or a mix such as "new+old". */
    private static String seen(Path target) throws IOException {
        if (!Files.exists(target)) {
            return "none";
        }
        String xml = Files.readString(target.resolve("m.xml"));
        String bin = Files.readString(target.resolve("m.bin"));
        return xml.equals(bin) ? xml : xml + "+" + bin;
    }

    @Test
    void aReaderSeesTheOldOrTheNewModelAtEveryStepOfAReplacement() throws IOException {
        Path target = earlierSave();
        Path temp = ModelFolder.temporaryFolder(tmp, "optimized");
        List<String> seen = new ArrayList<>();
        ModelFolder.publish(temp, newSave(temp), target, List.of(), step -> seen.add(step + ": " + seen(target)));
        assertEquals(List.of("prepared: old", "moved-aside: none", "swapped: new"), seen);
        assertEquals("new", seen(target));
        assertEquals("another model", Files.readString(target.resolve("other.xml")), "other files are kept");
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(target), left.toList(), "no hidden folder is left");
        }
    }

    @Test
    void aSaveInterruptedAtAnyStepLeavesTheOldOrTheNewModel() throws IOException {
        for (String failAt : new String[] {"prepared", "moved-aside", "swapped"}) {
            Path target = earlierSave();
            Path temp = ModelFolder.temporaryFolder(tmp, "optimized");
            List<Path> written = newSave(temp);
            Pot4jException e = assertThrows(Pot4jException.class, () -> ModelFolder.publish(temp, written, target,
                    List.of(), step -> {
                        if (step.equals(failAt)) {
                            throw new IOException("interrupted at " + step);
                        }
                    }), failAt);
            assertTrue(e.getMessage().contains("interrupted at " + failAt), e.getMessage());
            assertEquals(failAt.equals("swapped") ? "new" : "old", seen(target), "after a failure at " + failAt);
            assertEquals("another model", Files.readString(target.resolve("other.xml")));
            ModelFolder.deleteTree(temp);
            try (var left = Files.list(tmp)) {
                for (Path p : left.toList()) {
                    ModelFolder.deleteTree(p);
                }
            }
        }
    }

    @Test
    void aFileThatCannotBeReplacedInPlaceNeverLeavesTheNewModelBesideTheOldWeights() throws IOException {
        // m.bin of the earlier folder is a non-empty folder: replacing files one by one fails after m.xml moved
        Path target = Files.createDirectories(tmp.resolve("optimized"));
        Files.writeString(target.resolve("m.xml"), "old");
        Files.writeString(Files.createDirectories(target.resolve("m.bin")).resolve("part"), "old");
        Path temp = ModelFolder.temporaryFolder(tmp, "optimized");
        ModelFolder.publish(temp, newSave(temp), target, List.of());
        assertEquals("new", seen(target));
    }

    @Test
    void savedFilesAreNoMoreReadableThanTheInput() throws IOException {
        Path input = Files.writeString(tmp.resolve("in.xml"), "<net/>");
        Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("rw-------"));
        Path target = tmp.resolve("optimized");
        Path temp = ModelFolder.temporaryFolder(tmp, "optimized");
        // a writer that leaves its files readable by all
        Path xml = Files.writeString(temp.resolve("m.xml"), "new");
        Files.setPosixFilePermissions(xml, PosixFilePermissions.fromString("rw-rw-rw-"));
        List<Path> published = ModelFolder.publish(temp, List.of(xml), target, List.of(input));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(published.get(0))));
    }

    @Test
    void savedFilesTakeTheUmaskNotTheWritersMode() throws IOException {
        Path fresh = Files.createFile(tmp.resolve("fresh"));
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(fresh);
        Path input = Files.writeString(tmp.resolve("in.xml"), "<net/>");
        Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path temp = ModelFolder.temporaryFolder(tmp, "optimized");
        Path xml = Files.writeString(temp.resolve("m.xml"), "new");
        Files.setPosixFilePermissions(xml, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path published = ModelFolder.publish(temp, List.of(xml), tmp.resolve("optimized"), List.of(input)).get(0);
        assertEquals(umaskMode, Files.getPosixFilePermissions(published));

        Path log = Files.createTempFile(tmp, ".log", ".tmp");
        ModelFolder.moveIntoPlace(log, tmp.resolve("log.txt"));
        assertEquals(umaskMode, Files.getPosixFilePermissions(tmp.resolve("log.txt")),
                "a log written through a 0600 temporary file gets the mode of any new file");
    }
}
