package org.pot4j.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * Where the samples of {@code quantize}, {@code evaluate} and {@code benchmark} come from: {@code --data}, the loader
 * ({@code --loader}, or detected from the data: a folder of {@code .npy}/{@code .npz} files or such a file goes to
 * {@code numpy}, anything else to {@code image}), its options, and {@code --input-shape}.
 *
 * @param source        the {@code --data} value as an absolute path or a glob, or null (a loader configured by
 *                      options alone)
 * @param loader        {@code --loader}, empty to detect
 * @param loaderOptions {@code --loader-option} values, for any loader
 * @param imageOptions  the image loader keys of the preprocessing options (layout, color_order, mean, ...)
 * @param imageFlags    the preprocessing options the user typed ({@code --mean}, ...): refused for other loaders
 * @param shapes        the {@code --input-shape} values
 */
public record SampleSource(String source, Optional<String> loader, Map<String, Object> loaderOptions,
                           Map<String, Object> imageOptions, List<String> imageFlags,
                           List<InputShapes.Given> shapes) {
    public static final String IMAGE = "image";
    public static final String NUMPY = "numpy";
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "bmp", "dib");
    private static final Set<String> ARRAY_EXTENSIONS = Set.of("npy", "npz");

    public SampleSource {
        Objects.requireNonNull(loader, "loader");
        loaderOptions = Collections.unmodifiableMap(new LinkedHashMap<>(loaderOptions));
        imageOptions = Collections.unmodifiableMap(new LinkedHashMap<>(imageOptions));
        imageFlags = List.copyOf(imageFlags);
        shapes = List.copyOf(shapes);
    }

    /**
     * A loader ready for a model.
     *
     * @param loader     the checked samples
     * @param loaderName the loader's name
     * @param config     the configuration the loader got (recorded in logs and in the model)
     * @param inputs     the model inputs as fed
     */
    public record Opened(DataLoader loader, String loaderName, Map<String, Object> config,
                         List<InputShapes.Input> inputs) {
    }

    /** The loader this source uses: {@code --loader}, else detected from the data. */
    public String loaderName() {
        return loader.orElseGet(() -> detect(source));
    }

    /**
     * The loader's configuration for {@code model}: {@code data_source}, the image keys and {@code input_shape} for
     * images, the single input's name for arrays, then the {@code --loader-option} values.
     *
     * @throws BadCommandLineException when the options do not fit the model or the loader
     */
    public Map<String, Object> configFor(List<InputShapes.Input> inputs, String modelName) {
        String name = loaderName();
        Map<String, Object> config = new LinkedHashMap<>();
        if (source != null) {
            config.put("data_source", source);
        }
        if (name.equals(IMAGE)) {
            if (inputs.size() != 1) {
                throw new BadCommandLineException("model '" + modelName + "' has " + inputs.size() + " inputs ("
                        + inputs.stream().map(InputShapes.Input::name).collect(Collectors.joining(", "))
                        + "); images feed a model with one input: give --data a folder of .npz files with one array per"
                        + " input name");
            }
            InputShapes.requireStatic(inputs, "images are resized to the input size");
            config.putAll(imageOptions);
            config.put("input_shape", dims(inputs.get(0)));
        } else {
            if (!imageFlags.isEmpty()) {
                throw new BadCommandLineException(String.join(", ", imageFlags) + " appl" + (imageFlags.size() == 1
                        ? "ies" : "y") + " to images only, but the data is read by the '" + name + "' loader"
                        + (loader.isEmpty() ? " (--data holds .npy/.npz files)" : "") + "; arrays are fed as they are");
            }
            if (name.equals(NUMPY) && inputs.size() == 1) {
                config.put("input_name", inputs.get(0).name());
            }
        }
        config.putAll(loaderOptions);
        return config;
    }

    /**
     * Resolves the input shapes of {@code model}, creates the loader and checks its first sample against the model.
     *
     * @throws BadCommandLineException when {@code --input-shape} or the preprocessing options do not fit the model
     * @throws org.pot4j.api.error.Pot4jException from the loader, or naming the file whose arrays do not fit
     */
    public Opened open(PluginRegistry registry, Model model, PluginContext context) {
        List<InputShapes.Input> inputs = InputShapes.resolve(model, shapes);
        Map<String, Object> config = configFor(inputs, model.name());
        DataLoader raw = registry.dataLoader(loaderName()).create(config, context);
        CheckedSamples checked = new CheckedSamples(raw, inputs);
        if (checked.size() > 0) {
            checked.get(0);
        }
        return new Opened(checked, loaderName(), config, inputs);
    }

    /** The shape as loader configuration: -1 for a dynamic dimension. */
    static List<Long> dims(InputShapes.Input input) {
        return java.util.Arrays.stream(input.shape().dims()).boxed().map(d -> d < 0 ? -1L : d).toList();
    }

    /**
     * {@code numpy} for a {@code .npy}/{@code .npz} file or a folder holding such files and no images; {@code image}
     * otherwise (folders of images, globs, {@code .txt} lists).
     *
     * @throws BadCommandLineException for a folder holding both images and arrays
     */
    static String detect(String source) {
        if (source == null) {
            return IMAGE;
        }
        Path p;
        try {
            p = Path.of(source);
        } catch (RuntimeException e) {
            return IMAGE;
        }
        if (Files.isRegularFile(p)) {
            return ARRAY_EXTENSIONS.contains(extension(p)) ? NUMPY : IMAGE;
        }
        if (!Files.isDirectory(p)) {
            return IMAGE;
        }
        long arrays;
        long images;
        try (Stream<Path> s = Files.list(p)) {
            List<String> extensions = s.filter(Files::isRegularFile).map(SampleSource::extension).toList();
            arrays = extensions.stream().filter(ARRAY_EXTENSIONS::contains).count();
            images = extensions.stream().filter(IMAGE_EXTENSIONS::contains).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (arrays > 0 && images > 0) {
            throw new BadCommandLineException("--data " + source + " holds both images (" + images + ") and .npy/.npz"
                    + " files (" + arrays + "); choose with --loader image or --loader numpy");
        }
        return arrays > 0 ? NUMPY : IMAGE;
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
