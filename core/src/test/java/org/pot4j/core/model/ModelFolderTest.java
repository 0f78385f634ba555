package org.pot4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
