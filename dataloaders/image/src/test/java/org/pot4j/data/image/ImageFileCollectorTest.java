package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

    /** The WARNING messages the collector logs while {@code action} runs. */
    private static List<String> warnings(Runnable action) {
        List<String> messages = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.pot4j.data.image");
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return messages;
    }

    @Test
    void otherFilesOfAFolderAreReportedWithTheirNumberAndFirstNames() throws IOException {
        touch("a.png");
        touch("b.jpg");
        for (String name : new String[] {"labels.tsv", "notes.txt", "z.gif", "c.tiff", "d.webp", "e.md", "f.csv"}) {
            touch(name);
        }
        touch("sub/x.png");
        List<Path> files = new ArrayList<>();
        List<String> logged = warnings(() -> files.addAll(ImageFileCollector.collect(dir)));
        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("b.jpg")), files);
        assertEquals(List.of("folder " + dir + ": 7 files without an image extension: c.tiff, d.webp, e.md, f.csv,"
                + " labels.tsv and 2 more, not used as samples (only files ending in .bmp, .dib, .jpe, .jpeg, .jpg,"
                + " .png are read)"), logged);
    }

    @Test
    void oneOtherFileIsNamedAndAFolderOfImagesOnlyIsQuiet() throws IOException {
        touch("imgs/a.png");
        touch("imgs/README.txt");
        List<String> logged = warnings(() -> ImageFileCollector.collect(dir.resolve("imgs")));
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains(": 1 file without an image extension: README.txt, not used"), logged.get(0));
        touch("only/a.png");
        assertEquals(List.of(), warnings(() -> ImageFileCollector.collect(dir.resolve("only"))));
        touch("globbed/1.png");
        touch("globbed/1.txt");
        List<String> glob = warnings(() -> ImageFileCollector.collect(Path.of(dir + "/globbed/1.*")));
        assertEquals(1, glob.size(), glob.toString());
        assertTrue(glob.get(0).startsWith("glob pattern " + dir + "/globbed/1.*: 1 file without an image extension:"
                + " 1.txt"), glob.get(0));
    }

    @Test
    void aFolderWithoutImagesNamesWhatItHolds() throws IOException {
        touch("docs/readme.md");
        touch("docs/photo.gif");
        DataException e = assertThrows(DataException.class, () -> ImageFileCollector.collect(dir.resolve("docs")));
        assertTrue(e.getMessage().endsWith("; it holds 2 files without an image extension: photo.gif, readme.md"),
                e.getMessage());
    }
}
