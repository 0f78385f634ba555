package org.pot4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.model.ModelFolder;

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

    /**
     * Saves {@code model} into the {@code optimized} folder through a temporary folder beside it (core's
     * {@link ModelFolder}), replacing files of an earlier {@code -d} run but never an input file.
     *
     * @return the files in their final place, model file first
     */
    public List<Path> save(Model model, String modelName, PluginContext context, List<Path> inputs) {
        return ModelFolder.save(model, optimizedDirectory, modelName, context, inputs);
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
            throw new Pot4jException("cannot write " + target + ": " + e.getMessage(), e);
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
