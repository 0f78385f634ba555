package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.DataException;

class ImageFileCollectorTest {
    @TempDir
    Path dir;

    private Path touch(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    @Test
    void folderKeepsImageExtensionsSortedByName() throws IOException {
        touch("b.png");
        touch("a.JPG");
        touch("B.jpeg");
        touch("c.bmp");
        touch("labels.tsv");
        touch("notes.txt");
        touch("sub/d.png");
        List<Path> files = ImageFileCollector.collect(dir);
        // String order: upper case before lower case, as Python's sorted() in POT.
        assertEquals(List.of(dir.resolve("B.jpeg"), dir.resolve("a.JPG"), dir.resolve("b.png"), dir.resolve("c.bmp")), files);
    }

    @Test
    void listFileKeepsItsOrderAndResolvesRelativeToItsFolder() throws IOException {
        Path abs = touch("x/abs.png");
        Files.createDirectories(dir.resolve("lists"));
        Path list = Files.writeString(dir.resolve("lists/val.txt"), "../z.png\n\n  ../y.jpg  \n" + abs + "\n");
        assertEquals(List.of(dir.resolve("z.png"), dir.resolve("y.jpg"), abs), ImageFileCollector.collect(list));
    }

    @Test
    void globMatchesFilesSorted() throws IOException {
        touch("imgs/2.png");
        touch("imgs/1.png");
        touch("imgs/1.jpg");
        touch("imgs/readme.md");
        touch("imgs/deep/3.png");
        assertEquals(List.of(dir.resolve("imgs/1.png"), dir.resolve("imgs/2.png")),
                ImageFileCollector.collect(Path.of(dir + "/imgs/*.png")));
        assertEquals(List.of(dir.resolve("imgs/deep/3.png")),
                ImageFileCollector.collect(Path.of(dir + "/imgs/*/*.png")));
        assertEquals(3, ImageFileCollector.collect(Path.of(dir + "/imgs/*")).size());
    }

    @Test
    void emptyFolderFailsNamingIt() throws IOException {
        touch("empty/readme.md");
        DataException e = assertThrows(DataException.class, () -> ImageFileCollector.collect(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("no images"), e.getMessage());
    }

    @Test
    void missingSourceAndNonListFileFail() throws IOException {
        DataException missing = assertThrows(DataException.class, () -> ImageFileCollector.collect(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        Path csv = touch("list.csv");
        DataException notList = assertThrows(DataException.class, () -> ImageFileCollector.collect(csv));
        assertTrue(notList.getMessage().contains(".txt"), notList.getMessage());
        assertThrows(DataException.class, () -> ImageFileCollector.collect(Path.of(dir + "/none/*.png")));
        assertThrows(DataException.class, () -> ImageFileCollector.collect(Path.of(dir + "/*.gif")));
    }
}
