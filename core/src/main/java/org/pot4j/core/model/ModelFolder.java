package org.pot4j.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.CascadeModelWriter;

/**
 * Saves a model into a folder as POT's {@code save_model}: {@code <name>.<ext>} (and its weights file), or
 * {@code <name>_<stage>.*} for each stage of a cascade.
 *
 * <p>The files are written into a temporary folder beside the destination and moved into place, so a failed or
 * interrupted save never leaves half a model; a folder of an earlier save is replaced as a whole (its other files
 * kept), so a reader never sees the new model file beside the old weights; input model files are never replaced, and
 * the saved files are never more widely readable than the input files and the umask allow.
 */
public final class ModelFolder {
    private ModelFolder() {
    }

    /**
     * Checks that {@code name} can name the saved files: a plain file name, never a path.
     *
     * @param name the model name the files are called after
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static void checkModelName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model name must not be blank");
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("model name '" + name
                    + "' is not a plain file name (no path separators, '.' or '..', control characters)");
        }
    }

    /**
     * Writes {@code model} (a single model with the format that read it, or each stage of a cascade) into
     * {@code directory}, creating it when needed.
     *
     * @param model     the model to save
     * @param directory the folder the files end up in
     * @param baseName  the name the files are called after ({@link #checkModelName})
     * @param context   gives the model formats
     * @param inputs    files that must never be replaced (the input model files)
     * @return the files written, in their final place, model file first
     * @throws IllegalArgumentException when the name is not a plain file name
     * @throws ModelFormatException     when no format can write the model
     * @throws Pot4jException           naming the folder or file that cannot be written
     */
    public static List<Path> save(Model model, Path directory, String baseName, PluginContext context,
                                  Collection<Path> inputs) {
        checkModelName(baseName);
        Path target = directory.toAbsolutePath().normalize();
        Path parent = target.getParent() == null ? target : target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new Pot4jException("cannot create the output folder " + parent + ": " + e.getMessage(), e);
        }
        Path temporary = temporaryFolder(parent, target.getFileName() == null ? "model" : target.getFileName().toString());
        try {
            List<Path> written = model instanceof CascadeModel cascade
                    ? CascadeModelWriter.write(cascade, temporary, baseName, context)
                    : context.modelFormat(model.format())
                            .orElseThrow(() -> new ModelFormatException("no model format '" + model.format()
                                    + "' to write model '" + model.name() + "' with"))
                            .write(model, temporary, baseName);
            if (written.isEmpty()) {
                throw new Pot4jException("no files were written for " + baseName);
            }
            return publish(temporary, written, target, inputs);
        } finally {
            deleteTree(temporary);
        }
    }

    /**
     * Moves the files written into {@code temporary} into {@code directory} so that a reader of {@code directory} sees
     * either the complete earlier folder or the complete new one, never a mix of the two.
     *
     * <p>When {@code directory} does not exist, {@code temporary} is renamed to it. Otherwise the new folder replaces
     * it as a whole: entries of the earlier folder that the new files do not replace are linked (or copied) into
     * {@code temporary}, the earlier folder is renamed aside to a hidden {@code .<name>-old-<uuid>}, {@code temporary}
     * is renamed to {@code directory} and the earlier folder is deleted. Between the two renames (microseconds) the
     * folder does not exist; an interrupted JVM ({@code kill -9}) can leave it so, with the earlier model complete in
     * the hidden folder and the new one in the temporary folder beside it. A failure reported as an exception renames
     * the earlier folder back.
     *
     * <p>Published files get the mode a new file gets in that folder (0666 less the umask) narrowed to the mode of
     * each input file, so a model is never more widely readable than the model it was made from.
     *
     * @param temporary the folder the files were written into (beside {@code directory}, on its file system)
     * @param files     the files written, in {@code temporary}, model file first
     * @param directory the destination folder
     * @param inputs    files that must not be replaced, and whose permissions bound those of the published files
     * @return the files in their final place, in the same order
     * @throws Pot4jException when a file would replace an input or the folder cannot be replaced
     */
    public static List<Path> publish(Path temporary, List<Path> files, Path directory, Collection<Path> inputs) {
        return publish(temporary, files, directory, inputs, step -> { });
    }

    /** The points between the steps of {@link #publish}, where tests interrupt it. */
    @FunctionalInterface
    interface Steps {
        /** Called when {@code step} is done: {@code prepared}, {@code moved-aside} or {@code swapped}. */
        void reached(String step) throws IOException;
    }

    static List<Path> publish(Path temporary, List<Path> files, Path directory, Collection<Path> inputs,
                              Steps steps) {
        List<Path> published = new ArrayList<>();
        try {
            for (Path file : files) {
                Path target = directory.resolve(temporary.relativize(file));
                for (Path input : inputs) {
                    if (Files.exists(target) && Files.exists(input) && Files.isSameFile(target, input)) {
                        throw new Pot4jException("refusing to overwrite the input file " + input
                                + "; save into another folder or under another name");
                    }
                }
                published.add(target);
            }
            Optional<Set<PosixFilePermission>> mode = publishedMode(temporary, inputs);
            if (mode.isPresent()) {
                for (Path file : files) {
                    Files.setPosixFilePermissions(file, mode.get());
                }
            }
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                move(temporary, directory);
                return published;
            }
            replace(temporary, files, directory, steps);
            return published;
        } catch (IOException e) {
            throw new Pot4jException("cannot move the result into " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Swaps {@code directory} for {@code temporary}, keeping what else the earlier folder held. */
    private static void replace(Path temporary, List<Path> files, Path directory, Steps steps) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new Pot4jException(directory + " exists and is not a folder; the result cannot be saved there");
        }
        Set<Path> fresh = new HashSet<>();
        for (Path file : files) {
            fresh.add(temporary.relativize(file).getName(0));
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                Path name = directory.relativize(entry);
                if (!fresh.contains(name)) {
                    linkTree(entry, temporary.resolve(name));
                }
            }
        }
        steps.reached("prepared");
        Path aside = directory.resolveSibling("." + directory.getFileName() + "-old-" + UUID.randomUUID());
        move(directory, aside);
        try {
            steps.reached("moved-aside");
            move(temporary, directory);
        } catch (IOException | RuntimeException e) {
            // a reader keeps the earlier model: its folder goes back in place
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    move(aside, directory);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        steps.reached("swapped");
        deleteTree(aside);
    }

    /** Hard links {@code from} (a file, a link or a folder, recursively) as {@code to}; copies where links fail. */
    private static void linkTree(Path from, Path to) throws IOException {
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(to);
            try (Stream<Path> entries = Files.list(from)) {
                for (Path entry : entries.toList()) {
                    linkTree(entry, to.resolve(entry.getFileName()));
                }
            }
        } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createLink(to, from);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } else {
            Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * A new empty hidden folder in {@code parent}, on the destination's file system so moving out of it is a rename.
     *
     * @param parent the folder to create it in
     * @param label  a word for its name (the destination's name)
     * @return the folder
     * @throws Pot4jException when it cannot be created
     */
    public static Path temporaryFolder(Path parent, String label) {
        try {
            // not createTempDirectory: its 0700 mode would become the mode of the published folder
            return Files.createDirectory(parent.resolve("." + label + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new Pot4jException("cannot create a temporary folder in " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a temporary folder and what is in it; quietly, since it only runs on the way out.
     *
     * @param folder the folder; nothing happens when it does not exist
     */
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

    /**
     * Moves one written file into place, replacing a file of that name, with the mode a new file gets in that folder
     * (0666 less the umask), whatever mode the writer left.
     *
     * @param from the written file (in the same folder or file system)
     * @param to   its final name
     * @throws IOException when it cannot be moved
     */
    public static void moveIntoPlace(Path from, Path to) throws IOException {
        Optional<Set<PosixFilePermission>> mode = publishedMode(from.toAbsolutePath().getParent(), List.of());
        if (mode.isPresent()) {
            Files.setPosixFilePermissions(from, mode.get());
        }
        move(from, to, StandardCopyOption.REPLACE_EXISTING);
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
     * The mode of a published file: that of a file newly created in {@code folder} (0666 less the umask, or what the
     * folder's default ACL gives), narrowed to the mode of every existing input; empty on a file system without POSIX
     * modes.
     */
    static Optional<Set<PosixFilePermission>> publishedMode(Path folder, Collection<Path> inputs) throws IOException {
        Path probe = folder.resolve(".mode-" + UUID.randomUUID());
        Set<PosixFilePermission> mode;
        try {
            Files.createFile(probe);
            mode = EnumSet.noneOf(PosixFilePermission.class);
            mode.addAll(Files.getPosixFilePermissions(probe));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } finally {
            Files.deleteIfExists(probe);
        }
        for (Path input : inputs) {
            if (Files.exists(input)) {
                mode.retainAll(Files.getPosixFilePermissions(input));
            }
        }
        return Optional.of(mode);
    }
}
