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
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.RuntimeInspection;
import org.pot4j.cli.bench.CpuFeatures;
import org.pot4j.cli.bench.KernelReportText;
import org.pot4j.cli.bench.LatencyStats;
import org.pot4j.cli.bench.RandomInputs;
import org.pot4j.cli.run.ModelFiles;
import org.pot4j.cli.run.InputShapes;
import org.pot4j.cli.run.SampleSource;
import org.pot4j.core.plugin.PluginRegistry;
import org.pot4j.core.timing.AlternatingRounds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Latency and throughput of a model per engine, side by side with a baseline model, and what kernels run. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a model's latency and throughput on each engine, beside a baseline model if given.",
                "",
                "Latency (median, p10-p90) and throughput of a model on each engine, on seeded random inputs "
                + "or on the first images of --data.",
                "With --baseline (e.g. the FP32 model) both models run in alternating rounds of about 250 ms, so both "
                + "see the same machine load, and the ratio of medians is printed.",
                "Engines that can inspect their runtime (onnxruntime) also report which quantized Conv/MatMul/Gemm run "
                + "as integer kernels and why the others stay in float; the CPU's int8 features are printed first.",
                ""})
final class BenchmarkCommand extends Pot4jSubcommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model.")
    Path model;

    @Option(names = {"-w", "--weights"}, paramLabel = "BIN", description = "The IR .bin (default: beside the .xml).")
    Path weights;

    @Option(names = "--baseline", paramLabel = "MODEL",
            description = "A model to compare with (e.g. the FP32 model; an IR's .bin beside its .xml).")
    Path baseline;

    @Option(names = "--engine", paramLabel = "NAME", split = ",",
            description = "Engines to compare (repeatable or comma-separated), default reference.")
    List<String> engines = new ArrayList<>(List.of("reference"));

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "CPU",
            description = "Device every engine runs on (see 'pot4j plugins' for each engine's), default ${DEFAULT-VALUE}.")
    String device = "CPU";

    @Option(names = "--engine-option", paramLabel = "KEY=VALUE", description = "An option for every engine (repeatable).")
    Map<String, String> engineOptions = new LinkedHashMap<>();

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", split = ",",
            description = "Batch sizes, each measured (repeatable or comma-separated), default ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--iterations", defaultValue = "20", paramLabel = "N",
            description = "Timed inferences per model and batch, default ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Time budget per engine and batch instead of --iterations (each model runs at least 3 times).")
    Double seconds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N",
            description = "Untimed inferences first, default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--profile", description = "Add the kernel time per op type to the kernel reports.")
    boolean profile;

    @Option(names = "--data", paramLabel = "DIR|GLOB|LIST.txt",
            description = "Images or a folder of .npy/.npz arrays to use instead of random inputs.")
    String data;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Mixin
    PreprocessingOptions preprocessing = new PreprocessingOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(model)) {
            throw usage("model file not found: " + model);
        }
        if (baseline != null && !Files.isRegularFile(baseline)) {
            throw usage("baseline model file not found: " + baseline);
        }
        if (batches.stream().anyMatch(b -> b < 1) || iterations < 1 || warmup < 0) {
            throw usage("--batch and --iterations must be at least 1, --warmup at least 0");
        }
        if (seconds != null && !(seconds > 0)) {
            throw usage("--seconds must be more than 0");
        }
        String source = null;
        if (data != null) {
            source = DataSources.resolve(data);
            if (source == null) {
                throw usage("--data: file or folder not found: " + data);
            }
        }
        SampleSource samples = dataOptions.source(source, preprocessing);
        if (data == null && (dataOptions.loader != null || !dataOptions.loaderOptions.isEmpty()
                || !preprocessing.given().isEmpty())) {
            throw usage("--loader, --loader-option and the image options need --data (without it inputs are random)");
        }
        PluginRegistry registry = registry();
        for (String name : engines) {
            registry.engine(name);
        }
        CpuFeatures cpu = CpuFeatures.detect();
        out().println(cpu.summary());
        out().println("  " + cpu.int8Meaning());
        List<Model> models = new ArrayList<>();
        models.add(ModelFiles.read(registry, model, Optional.ofNullable(weights), null));
        if (baseline != null) {
            models.add(ModelFiles.read(registry, baseline, Optional.empty(), null));
        }
        List<Map<Integer, Map<String, Tensor>>> inputs = new ArrayList<>();
        for (Model m : models) {
            Map<Integer, Map<String, Tensor>> byBatch = new LinkedHashMap<>();
            for (int batch : batches) {
                byBatch.put(batch, data == null ? randomBatch(samples, m, batch) : sampleBatch(registry, samples, m, batch));
            }
            inputs.add(byBatch);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        engineOptions.forEach((k, v) -> options.put(k, PlainValues.parse(v)));

        String timing = seconds != null ? String.format(Locale.ROOT, "%.1f s per engine and batch", seconds)
                : iterations + " timed inferences";
        for (int i = 0; i < models.size(); i++) {
            Map<String, Tensor> first = inputs.get(i).values().iterator().next();
            out().println((i == 0 ? "Model: " : "Baseline: ") + models.get(i).name() + " (" + first.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().elementType().irName() + e.getValue().shape())
                    .collect(Collectors.joining(", ")) + "), " + (data == null ? "random inputs" : (samples.loaderName().equals(SampleSource.IMAGE) ? "images of "
                    : samples.loaderName() + " samples of ") + data)
                    + ", " + warmup + " warm-up + " + timing + (models.size() > 1 ? ", alternating rounds" : ""));
        }
        out().println(String.format(Locale.ROOT, "%-14s %5s %-9s %10s %17s %10s %12s", "engine", "batch", "model",
                "median ms", "p10-p90 ms", "mean ms", "samples/s"));
        int failures = 0;
        List<String> reports = new ArrayList<>();
        for (String name : engines) {
            List<Engine> open = new ArrayList<>();
            try {
                for (int i = 0; i < models.size(); i++) {
                    Engine engine = registry.engine(name).create(new EngineSettings(device, options), registry.context());
                    open.add(engine);
                    engine.setModel(models.get(i));
                }
                for (int batch : batches) {
                    try {
                        printTimes(name, batch, time(name, batch, open, inputs));
                    } catch (Pot4jException e) {
                        // one batch or engine that cannot run does not hide the others' figures
                        out().println(String.format(Locale.ROOT, "%-14s %5d error: %s", name, batch, e.getMessage()));
                        failures++;
                    }
                    out().flush();
                }
                for (int i = 0; i < models.size(); i++) {
                    Optional<RuntimeInspection> inspection = open.get(i).extension(RuntimeInspection.class);
                    if (inspection.isPresent()) {
                        Map<String, Tensor> first = inputs.get(i).values().iterator().next();
                        KernelReport r = profile ? inspection.get().inspect(first, 10) : inspection.get().inspect();
                        reports.add(KernelReportText.of(name, models.get(i).name(), r));
                    }
                }
            } catch (Pot4jException e) {
                out().println(String.format(Locale.ROOT, "%-14s error: %s", name, e.getMessage()));
                failures++;
            } finally {
                open.forEach(Engine::close);
            }
        }
        reports.forEach(r -> out().print(r));
        return failures == 0 ? 0 : 1;
    }

    /** Warms up, then times every model of {@code engines} at {@code batch} in alternating rounds. */
    private List<LatencyStats> time(String name, int batch, List<Engine> open, List<Map<Integer, Map<String, Tensor>>> inputs) {
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            Engine engine = open.get(i);
            Map<String, Tensor> in = inputs.get(i).get(batch);
            tasks.add(() -> engine.infer(in));
        }
        root().progress().started("benchmark " + name + " batch " + batch, warmup * tasks.size());
        for (int w = 0; w < warmup; w++) {
            for (Runnable t : tasks) {
                t.run();
            }
            root().progress().progressed((w + 1) * tasks.size());
        }
        root().progress().finished();
        List<List<Double>> millis = seconds != null ? AlternatingRounds.time(seconds, 3, tasks)
                : AlternatingRounds.runs(iterations, tasks);
        return millis.stream().map(m -> LatencyStats.ofMillis(m, batch)).toList();
    }

    private void printTimes(String engine, int batch, List<LatencyStats> stats) {
        for (int i = 0; i < stats.size(); i++) {
            LatencyStats s = stats.get(i);
            out().println(String.format(Locale.ROOT, "%-14s %5d %-9s %10.2f %17s %10.2f %12.1f", engine, batch,
                    i == 0 ? "model" : "baseline", s.medianMillis(),
                    String.format(Locale.ROOT, "%.2f-%.2f", s.p10Millis(), s.p90Millis()), s.meanMillis(),
                    s.samplesPerSecond()));
        }
        if (stats.size() > 1) {
            out().println(String.format(Locale.ROOT, "%-14s %5d %-9s %10.2f   (median of model / median of baseline, "
                    + "%d and %d runs)", engine, batch, "ratio", stats.get(0).medianMillis() / stats.get(1).medianMillis(),
                    stats.get(0).runs(), stats.get(1).runs()));
        }
    }

    /** Seeded random inputs at the model's shapes with the given dimensions. */
    private static Map<String, Tensor> randomBatch(SampleSource samples, Model m, int batch) {
        List<InputShapes.Input> inputs = InputShapes.resolve(m, samples.shapes());
        InputShapes.requireStatic(inputs, "random inputs need every size (or give --data)");
        return RandomInputs.forInputs(inputs, batch, 42);
    }

    /** The first {@code batch} samples (repeated when there are fewer), batched on axis 0 per input. */
    private Map<String, Tensor> sampleBatch(PluginRegistry registry, SampleSource samples, Model m, int batch) {
        SampleSource.Opened opened = samples.open(registry, m, registry.context());
        DataLoader loader = opened.loader();
        if (loader.size() == 0) {
            throw new DataException("no samples in " + loader.description());
        }
        for (InputShapes.Input in : opened.inputs()) {
            Shape sample = in.sampleShape();
            if (sample.isStatic()) {
                long[] d = sample.dims();
                long[] b = new long[d.length + 1];
                b[0] = batch;
                System.arraycopy(d, 0, b, 1, d.length);
                InputShapes.checkSize(in.name(), Shape.of(b), "--batch " + batch);
            }
        }
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        for (int i = 0; i < batch; i++) {
            DataItem item = loader.get(i % loader.size());
            item.inputs().forEach((name, t) -> {
                long[] d = t.shape().dims();
                long[] b = new long[d.length + 1];
                b[0] = 1;
                System.arraycopy(d, 0, b, 1, d.length);
                parts.computeIfAbsent(name, k -> new ArrayList<>()).add(t.reshape(Shape.of(b)));
            });
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        try {
            // in the model's input order (samples hold their inputs in no particular order)
            for (InputShapes.Input in : opened.inputs()) {
                out.put(in.name(), Tensor.concatBatch(parts.get(in.name())));
            }
        } catch (IllegalArgumentException e) {
            throw new DataException("the first " + batch + " samples of " + loader.description()
                    + " cannot be batched: " + e.getMessage() + " (give --input-shape, or --batch 1)");
        }
        return out;
    }
}
