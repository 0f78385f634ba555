package org.pot4j.data.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.pot4j.api.error.DataException;

/**
 * Turns a {@code data_source} into the ordered list of image files, as POT's {@code collect_img_files}:
 * <ul>
 * <li>a folder: the image files directly inside it, sorted by full path (String order, so case-sensitive);</li>
 * <li>a {@code .txt} file: one path per line, relative to the list's folder unless absolute, in the listed order
 * (blank lines are skipped);</li>
 * <li>anything else containing {@code * ? [ {}: a glob pattern, matched files sorted like a folder.</li>
 * </ul>
 * Folders and globs keep files with an image extension ({@link #IMAGE_EXTENSIONS}); unlike POT, which asks OpenCV
 * whether it can read each file, a misnamed or broken {@code .jpg} is then reported instead of silently dropped. The
 * other files of a folder or a glob are not silently skipped either: a WARNING on the {@code org.pot4j.data.image}
 * logger gives their number and first names (and the "no images" error lists them).
 */
final class ImageFileCollector {
    /** The file name extensions (lower case) taken from folders and globs. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "bmp", "dib");
    /** How many names of left-out files a report gives. */
    static final int NAMES_SHOWN = 5;

    private static final System.Logger LOGGER = System.getLogger(ImageFileCollector.class.getPackageName());

    private ImageFileCollector() {
    }

    static List<Path> collect(Path dataSource) {
        if (Files.isDirectory(dataSource)) {
            return nonEmpty(listFolder(dataSource), "folder " + dataSource);
        }
        if (Files.isRegularFile(dataSource)) {
            if (!dataSource.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
                throw new DataException(dataSource + ": a data source file must be a .txt list of image paths");
            }
            List<Path> listed = readList(dataSource);
            return nonEmpty(new Found(listed, List.of()), "list " + dataSource);
        }
        String text = dataSource.toString();
        if (text.chars().anyMatch(ch -> "*?[{".indexOf(ch) >= 0)) {
            return nonEmpty(glob(text), "glob pattern " + text);
        }
        throw new DataException(dataSource + ": no such folder, list file or glob pattern");
    }

    static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Found listFolder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return Found.of(files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new DataException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static List<Path> readList(Path listFile) {
        Path base = listFile.toAbsolutePath().getParent();
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(listFile + ": cannot read the list: " + e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (!entry.isEmpty()) {
                Path p = Path.of(entry);
                out.add(p.isAbsolute() ? p : base.resolve(p).normalize());
            }
        }
        return out;
    }

    private static Found glob(String pattern) {
        // Walk from the deepest folder without wildcards, as deep as the pattern has components (any depth with **).
        Path full = Path.of(pattern).toAbsolutePath().normalize();
        Path root = full.getRoot();
        int fixed = 0;
        while (fixed < full.getNameCount() && full.getName(fixed).toString().chars().noneMatch(ch -> "*?[{".indexOf(ch) >= 0)) {
            fixed++;
        }
        Path base = fixed == 0 ? root : root.resolve(full.subpath(0, fixed));
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : full.getNameCount() - fixed;
        if (!Files.isDirectory(base)) {
            throw new DataException(pattern + ": the folder " + base + " of the glob pattern does not exist");
        }
        PathMatcher matcher = base.getFileSystem().getPathMatcher("glob:" + full);
        try (Stream<Path> files = Files.walk(base, depth)) {
            return Found.of(files.filter(matcher::matches).filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new DataException(pattern + ": cannot list " + base + ": " + e.getMessage(), e);
        }
    }

    /** The image files, then the other files, of a folder or glob, each sorted by full path. */
    private record Found(List<Path> images, List<Path> others) {
        static Found of(List<Path> files) {
            List<Path> sorted = files.stream().sorted(Comparator.comparing(Path::toString)).toList();
            return new Found(sorted.stream().filter(ImageFileCollector::hasImageExtension).toList(),
                    sorted.stream().filter(f -> !hasImageExtension(f)).toList());
        }
    }

    /** The images; fails when there are none, and reports the files left out. */
    private static List<Path> nonEmpty(Found found, String what) {
        if (found.images().isEmpty()) {
            throw new DataException(what + ": no images found (looked for files ending in " + extensions() + ")"
                    + (found.others().isEmpty() ? "" : "; it holds " + leftOut(found.others())));
        }
        if (!found.others().isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, what + ": " + leftOut(found.others()) + ", not used as samples"
                    + " (only files ending in " + extensions() + " are read)");
        }
        return found.images();
    }

    /** {@code 1 file without an image extension: notes.txt}, the first {@link #NAMES_SHOWN} names and how many more. */
    static String leftOut(List<Path> others) {
        List<String> names = others.stream().limit(NAMES_SHOWN).map(f -> f.getFileName().toString()).toList();
        int more = others.size() - names.size();
        return others.size() + (others.size() == 1 ? " file" : " files") + " without an image extension: "
                + String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }

    private static String extensions() {
        return "." + String.join(", .", IMAGE_EXTENSIONS.stream().sorted().toList());
    }
}
