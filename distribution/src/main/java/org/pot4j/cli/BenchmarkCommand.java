package org.pot4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.cli.bench.LatencyStats;
import org.pot4j.cli.bench.RandomInputs;
import org.pot4j.cli.run.ModelFiles;
import org.pot4j.cli.run.ModelInputs;
import org.pot4j.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Latency and throughput of a model per engine. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latency (median, p90) and throughput of a model on each engine, on seeded random inputs",
                "or on the first images of --data."})
final class BenchmarkCommand extends Pot4jSubcommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model.")
    Path model;

    @Option(names = {"-w", "--weights"}, paramLabel = "BIN", description = "The IR .bin (default: beside the .xml).")
    Path weights;

    @Option(names = "--engine", paramLabel = "NAME", split = ",",
            description = "Engines to compare (repeatable or comma-separated), default reference.")
    List<String> engines = new ArrayList<>(List.of("reference"));

    @Option(names = "--engine-option", paramLabel = "KEY=VALUE", description = "An option for every engine (repeatable).")
    Map<String, String> engineOptions = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Batch size, default ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--iterations", defaultValue = "20", paramLabel = "N",
            description = "Timed inferences, default ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N",
            description = "Untimed inferences first, default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--data", paramLabel = "DIR|GLOB|LIST.txt", description = "Images to use instead of random inputs.")
    String data;

    @Mixin
    PreprocessingOptions preprocessing = new PreprocessingOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(model)) {
            throw usage("model file not found: " + model);
        }
        if (batch < 1 || iterations < 1 || warmup < 0) {
            throw usage("--batch and --iterations must be at least 1, --warmup at least 0");
        }
        PluginRegistry registry = registry();
        for (String name : engines) {
            registry.engine(name);
        }
        Model m = ModelFiles.read(registry, model, Optional.ofNullable(weights), null);
        Map<String, Tensor> inputs = data == null ? RandomInputs.forModel(m, batch, 42) : imageBatch(registry, m);
        DataLoader loader = RandomInputs.loaderOf(inputs);
        Map<String, Object> options = new LinkedHashMap<>();
        engineOptions.forEach((k, v) -> options.put(k, PlainValues.parse(v)));

        out().println("Model: " + m.name() + " (" + inputs.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().elementType().irName() + e.getValue().shape())
                .collect(Collectors.joining(", ")) + "), " + (data == null ? "random inputs" : "images of " + data)
                + ", " + warmup + " warm-up + " + iterations + " timed inferences");
        out().println(String.format(Locale.ROOT, "%-16s %11s %11s %11s %16s", "engine", "median ms", "p90 ms",
                "mean ms", "samples/s"));
        int failures = 0;
        for (String name : engines) {
            LatencyStats stats;
            try (Engine engine = registry.engine(name).create(
                    new EngineSettings("CPU", options, loader, Optional.empty()), registry.context())) {
                engine.setModel(m);
                root().progress().started("benchmark " + name, warmup + iterations);
                for (int i = 0; i < warmup; i++) {
                    engine.infer(inputs);
                    root().progress().progressed(i + 1);
                }
                long[] nanos = new long[iterations];
                for (int i = 0; i < iterations; i++) {
                    long start = System.nanoTime();
                    engine.infer(inputs);
                    nanos[i] = System.nanoTime() - start;
                    root().progress().progressed(warmup + i + 1);
                }
                root().progress().finished();
                stats = LatencyStats.of(nanos, batch);
            } catch (Pot4jException e) {
                // one engine that cannot run the model does not hide the others' figures
                out().println(String.format(Locale.ROOT, "%-16s error: %s", name, e.getMessage()));
                failures++;
                continue;
            }
            out().println(String.format(Locale.ROOT, "%-16s %11.2f %11.2f %11.2f %16.1f", name, stats.medianMillis(),
                    stats.p90Millis(), stats.meanMillis(), stats.samplesPerSecond()));
            out().flush();
        }
        return failures == 0 ? 0 : 1;
    }

    /** The first {@code batch} images (repeated when there are fewer), batched on axis 0. */
    private Map<String, Tensor> imageBatch(PluginRegistry registry, Model m) {
        String source = DataSources.resolve(data);
        if (source == null) {
            throw usage("--data: file or folder not found: " + data);
        }
        Map<String, Object> config = new LinkedHashMap<>(preprocessing.loaderConfig());
        config.put("data_source", source);
        config.put("input_shape", ModelInputs.inputShape(m));
        DataLoader images = registry.dataLoader("image").create(config, registry.context());
        if (images.size() == 0) {
            throw new DataException("no images in " + images.description());
        }
        String input = ModelInputs.single(m).name();
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            DataItem item = images.get(i % images.size());
            Tensor t = item.inputs().values().iterator().next();
            long[] d = t.shape().dims();
            long[] b = new long[d.length + 1];
            b[0] = 1;
            System.arraycopy(d, 0, b, 1, d.length);
            parts.add(t.reshape(Shape.of(b)));
        }
        return Map.of(input, Tensor.concatBatch(parts));
    }
}
