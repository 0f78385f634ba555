package org.pot4j.cli.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.model.ModelFolder;

/**
 * Where a run writes, as POT (POT_SPEC §13): {@code <dir>/<model>_<Algorithms>/<YYYY-MM-DD_HH-MM-SS>/optimized/}
 * with {@code log.txt} in the timestamp folder, or with {@code -d} {@code <dir>/optimized/} and {@code <dir>/log.txt}.
 *
 * <p>The timestamp folder is chosen when it is created, atomically: a second run in the same second (even one started
 * at the same moment) gets {@code _2}, {@code _3}, ..., so two runs never share a folder. Files are written into a
 * temporary folder beside their destination and moved into place, so a failed or interrupted run never leaves half a
 * model; the input model files are never overwritten; the folders a failed run created can be removed again.
 */
public final class OutputLayout {
    /** POT's timestamp folder name. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    /** The folder of the model files. */
    public static final String OPTIMIZED = "optimized";
    /** The run's log file. */
    public static final String LOG_FILE = "log.txt";

    private final boolean direct;
    private final Path parent;
    private final String stamp;
    private final List<Path> created = new ArrayList<>();
    private Path runDirectory;
    private boolean isCreated;

    private OutputLayout(boolean direct, Path parent, String stamp) {
        this.direct = direct;
        this.parent = parent;
        this.stamp = stamp;
        this.runDirectory = direct ? parent : parent.resolve(stamp);
    }

    /**
     * The folders of a run started at {@code now}; nothing is created yet.
     *
     * @throws Pot4jException when the model and algorithm names do not make a plain folder name
     */
    public static OutputLayout plan(QuantizationJob.OutputOptions options, String modelName, List<String> algorithms,
                                    LocalDateTime now) {
        Path base = options.directory().toAbsolutePath().normalize();
        if (options.direct()) {
            return new OutputLayout(true, base, "");
        }
        String folder = modelName + "_" + String.join("_", algorithms);
        try {
            ModelFolder.checkModelName(folder);
        } catch (IllegalArgumentException e) {
            throw new Pot4jException("the output folder name '" + folder + "' (model name and algorithms) is not a"
                    + " plain folder name: " + e.getMessage());
        }
        return new OutputLayout(false, base.resolve(folder), TIMESTAMP.format(now));
    }

    /** The folder of {@code log.txt} (the timestamp folder, or the output folder with {@code -d}). */
    public Path runDirectory() {
        return runDirectory;
    }

    /** The folder the model files end up in. */
    public Path optimizedDirectory() {
        return runDirectory.resolve(OPTIMIZED);
    }

    /**
     * Checks, before any work, that the run can write where it will: into the output folder when it exists (a
     * {@code -d} run into an earlier result), else into the nearest folder above it that exists.
     *
     * @throws Pot4jException naming the folder that cannot be written
     */
    public void checkWritable() {
        Path folder = direct ? runDirectory : parent;
        while (!Files.exists(folder) && folder.getParent() != null) {
            folder = folder.getParent();
        }
        if (!Files.isDirectory(folder)) {
            throw new Pot4jException("cannot write the results under " + folder + ": it is not a folder; choose"
                    + " another --output-dir");
        }
        Path probe = folder.resolve(".pot4j-write-check-" + UUID.randomUUID());
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new Pot4jException("cannot write into the output folder " + folder + " (" + reason(e)
                    + "); choose another --output-dir", e);
        }
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
            if (folder != null && sameFolder(folder, optimizedDirectory())) {
                throw new Pot4jException("refusing to write into " + optimizedDirectory() + ": it holds the input file "
                        + input + " which the result could overwrite; choose another --output-dir");
            }
        }
    }

    /**
     * Creates the run folder: with {@code -d} the output folder (when needed), otherwise a new timestamp folder,
     * created atomically with a suffix {@code _2}, {@code _3}, ... when another run has the name.
     *
     * @throws Pot4jException naming the folder that cannot be created
     */
    public void create() {
        Path target = direct ? runDirectory : parent;
        try {
            createDirectories(target);
            if (direct) {
                isCreated = true;
                return;
            }
            for (int i = 1; ; i++) {
                Path candidate = parent.resolve(i == 1 ? stamp : stamp + "_" + i);
                try {
                    Files.createDirectory(candidate);
                    created.add(candidate);
                    runDirectory = candidate;
                    isCreated = true;
                    return;
                } catch (FileAlreadyExistsException taken) {
                    // another run has this name: take the next suffix
                }
            }
        } catch (IOException e) {
            throw new Pot4jException("cannot create the output folder " + target + " (" + reason(e) + ")", e);
        }
    }

    /** {@return true once {@link #create} made the run folder (or found it, with {@code -d})} */
    public boolean isCreated() {
        return isCreated;
    }

    /** Removes the folders {@link #create} made, deepest first, as long as they are empty (a failed run's). */
    public void removeCreated() {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                return; // not empty (or not ours to remove): keep it and what is above it
            }
        }
        created.clear();
    }

    /**
     * Saves {@code model} into the {@code optimized} folder through a temporary folder beside it (core's
     * {@link ModelFolder}), replacing the folder of an earlier {@code -d} run as a whole but never an input file.
     *
     * @return the files in their final place, model file first
     */
    public List<Path> save(Model model, String modelName, PluginContext context, List<Path> inputs) {
        return ModelFolder.save(model, optimizedDirectory(), modelName, context, inputs);
    }

    /** Writes {@code text} as {@code name} in the run folder through a temporary file. */
    public Path writeText(String name, String text) {
        Path target = runDirectory.resolve(name);
        try {
            Files.createDirectories(runDirectory);
            Path temp = Files.createTempFile(runDirectory, "." + name, ".tmp");
            Files.writeString(temp, text);
            ModelFolder.moveIntoPlace(temp, target);
            return target;
        } catch (IOException e) {
            throw new Pot4jException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** Creates {@code folder} and the missing folders above it, remembering each one made. */
    private void createDirectories(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced;
                }
            }
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
    }

    /** The reason of a file system error: {@code permission denied}, {@code Operation not permitted}, ... */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
