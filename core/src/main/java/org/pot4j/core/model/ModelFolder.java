package org.pot4j.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
 * interrupted save never leaves half a model; files of an earlier save with the same name are replaced, input model
 * files never are.
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
     * Moves the files written into {@code temporary} into {@code directory}: the whole folder at once when
     * {@code directory} does not exist yet, otherwise file by file, replacing files of the same name.
     *
     * @param temporary the folder the files were written into
     * @param files     the files written, in {@code temporary}, model file first
     * @param directory the destination folder
     * @param inputs    files that must not be replaced
     * @return the files in their final place, in the same order
     * @throws Pot4jException when a file would replace an input or cannot be moved
     */
    public static List<Path> publish(Path temporary, List<Path> files, Path directory, Collection<Path> inputs) {
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
            files.forEach(ModelFolder::readableByAll);
            if (!Files.exists(directory)) {
                move(temporary, directory);
                return published;
            }
            for (int i = 0; i < files.size(); i++) {
                Files.createDirectories(published.get(i).getParent());
                move(files.get(i), published.get(i), StandardCopyOption.REPLACE_EXISTING);
            }
            return published;
        } catch (IOException e) {
            throw new Pot4jException("cannot move the result into " + directory + ": " + e.getMessage(), e);
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
     * Moves one written file into place, replacing a file of that name, readable by all as any file the user writes.
     *
     * @param from the written file (in the same folder or file system)
     * @param to   its final name
     * @throws IOException when it cannot be moved
     */
    public static void moveIntoPlace(Path from, Path to) throws IOException {
        readableByAll(from);
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
}
