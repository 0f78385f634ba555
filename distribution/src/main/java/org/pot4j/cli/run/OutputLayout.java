package org.pot4j.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.pot4j.api.error.Pot4jException;

/**
 * Where a run writes, as POT (POT_SPEC §13): {@code <dir>/<model>_<Algorithms>/<YYYY-MM-DD_HH-MM-SS>/optimized/}
 * with {@code log.txt} in the timestamp folder, or with {@code -d} {@code <dir>/optimized/} and {@code <dir>/log.txt}.
 * Files are written into a temporary folder beside their destination and moved into place, so a failed or
 * interrupted run never leaves half a model; the input model files are never overwritten.
 */
public final class OutputLayout {
    /** POT's timestamp folder name. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    public static final String OPTIMIZED = "optimized";
    public static final String LOG_FILE = "log.txt";

    private final Path runDirectory;
    private final Path optimizedDirectory;

    private OutputLayout(Path runDirectory) {
        this.runDirectory = runDirectory;
        this.optimizedDirectory = runDirectory.resolve(OPTIMIZED);
    }

    /**
     * The folders of a run started at {@code now}; nothing is created yet. Two runs in the same second get
     * {@code _2}, {@code _3}, ... after the timestamp.
     */
    public static OutputLayout plan(QuantizationJob.OutputOptions options, String modelName, List<String> algorithms,
                                    LocalDateTime now) {
        Path base = options.directory().toAbsolutePath().normalize();
        if (options.direct()) {
            return new OutputLayout(base);
        }
        Path parent = base.resolve(modelName + "_" + String.join("_", algorithms));
        String stamp = TIMESTAMP.format(now);
        Path run = parent.resolve(stamp);
        for (int i = 2; Files.exists(run); i++) {
            run = parent.resolve(stamp + "_" + i);
        }
        return new OutputLayout(run);
    }

    /** The folder of {@code log.txt} (the timestamp folder, or the output folder with {@code -d}). */
    public Path runDirectory() {
        return runDirectory;
    }

    /** The folder the model files end up in. */
    public Path optimizedDirectory() {
        return optimizedDirectory;
    }

    /**
     * Refuses a layout whose {@code optimized} folder is the folder of an input file (the output would replace the
     * model being read).
     *
     * @throws Pot4jException naming the input file
     */
    public void refuseToOverwrite(List<Path> inputs) {
        for (Path input : inputs) {
            Path folder = input.toAbsolutePath().normalize().getParent();
            if (folder != null && sameFolder(folder, optimizedDirectory)) {
                throw new Pot4jException("refusing to write into " + optimizedDirectory + ": it holds the input file "
                        + input + " which the result could overwrite; choose another --output-dir");
            }
        }
    }

    /** Creates the run folder. */
    public void create() {
        try {
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new Pot4jException("cannot create the output folder " + runDirectory + ": " + e.getMessage(), e);
        }
    }

    /** A new empty temporary folder on the same file system as the destination. */
    public Path temporaryFolder() {
        try {
            // not createTempDirectory: its 0700 mode would become the mode of the published optimized/ folder
            return Files.createDirectory(runDirectory.resolve(".optimized-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new Pot4jException("cannot create a temporary folder in " + runDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the files written into {@code temporary} into the {@code optimized} folder (replacing files of an
     * earlier {@code -d} run), then removes {@code temporary}.
     *
     * @param files     the files written, in {@code temporary}, model file first
     * @param inputs    the input files, which must not be replaced
     * @return the files in their final place, in the same order
     */
    public List<Path> publish(Path temporary, List<Path> files, List<Path> inputs) {
        List<Path> published = new ArrayList<>();
        try {
            for (Path file : files) {
                Path target = optimizedDirectory.resolve(temporary.relativize(file));
                for (Path input : inputs) {
                    if (Files.exists(target) && Files.isSameFile(target, input)) {
                        throw new Pot4jException("refusing to overwrite the input file " + input);
                    }
                }
                published.add(target);
            }
            files.forEach(OutputLayout::readableByAll);
            if (!Files.exists(optimizedDirectory)) {
                move(temporary, optimizedDirectory);
                return published;
            }
            for (int i = 0; i < files.size(); i++) {
                Files.createDirectories(published.get(i).getParent());
                move(files.get(i), published.get(i), StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(temporary);
            return published;
        } catch (IOException e) {
            throw new Pot4jException("cannot move the result into " + optimizedDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} as {@code name} in the run folder through a temporary file. */
    public Path writeText(String name, String text) {
        Path target = runDirectory.resolve(name);
        try {
            Files.createDirectories(runDirectory);
            Path temp = Files.createTempFile(runDirectory, "." + name, ".tmp");
            Files.writeString(temp, text);
            readableByAll(temp);
            move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new Pot4jException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes a temporary folder and what is in it; quietly, since it only runs on the way out. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover hidden temporary folder is harmless; the real error is already being reported
        }
    }

    private static void move(Path from, Path to, CopyOption... options) throws IOException {
        CopyOption[] atomic = Stream.concat(Stream.of(options), Stream.of(StandardCopyOption.ATOMIC_MOVE))
                .toArray(CopyOption[]::new);
        try {
            Files.move(from, to, atomic);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, options);
        }
    }

    /**
     * Writers that go through {@code Files.createTempFile} leave mode 0600; a published model is as readable as any
     * file the user writes.
     */
    private static void readableByAll(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            mode.add(PosixFilePermission.GROUP_READ);
            mode.add(PosixFilePermission.OTHERS_READ);
            Files.setPosixFilePermissions(file, mode);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: modes do not apply
        }
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the names
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
