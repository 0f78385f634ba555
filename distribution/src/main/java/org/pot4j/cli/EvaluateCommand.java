package org.pot4j.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.cli.metric.OutputDifference;
import org.pot4j.cli.metric.ReferenceOutputsLoader;
import org.pot4j.cli.run.ModelEvaluation;
import org.pot4j.cli.run.ModelFiles;
import org.pot4j.cli.run.SampleSource;
import org.pot4j.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Accuracy of a classifier on labelled images, or how far its outputs are from a reference model's. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a classifier's accuracy, or how far a model's outputs are from a reference model's.",
                "",
                "With --labels: top-1 and top-k accuracy of a classifier (first output, scores per class).",
                "With --reference: max and mean absolute difference of the outputs against a reference model.", ""})
final class EvaluateCommand extends Pot4jSubcommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The model to evaluate.")
    Path model;

    @Option(names = {"-w", "--weights"}, paramLabel = "BIN", description = "The IR .bin (default: beside the .xml).")
    Path weights;

    @Option(names = "--data", required = true, paramLabel = "DIR|GLOB|LIST.txt",
            description = "The images, or a folder of .npy/.npz arrays (one sample per file).")
    String data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels: lines 'index<TAB>...<TAB>file name' (as imagenet-samples/labels.tsv).")
    Path labels;

    @Option(names = "--label-offset", defaultValue = "0", paramLabel = "K",
            description = "Added to every label (1 for models with a background class 0), default ${DEFAULT-VALUE}.")
    int labelOffset;

    @Option(names = "--reference", paramLabel = "MODEL", description = "A reference model to compare outputs with.")
    Path reference;

    @Option(names = "--reference-engine", paramLabel = "NAME",
            description = "Runs the reference model on this engine (default: --engine), e.g. --engine vpu --device VPU"
                    + " --reference-engine reference: the FP16 emulation against FP32.")
    String referenceEngine;

    @Option(names = "--reference-device", paramLabel = "DEVICE",
            description = "The reference engine's device (default: --device with the same engine, else CPU).")
    String referenceDevice;

    @Option(names = "--top", defaultValue = "5", paramLabel = "K", description = "Second accuracy rank, default ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--subset-size", paramLabel = "N", description = "Evaluate the first N images only (default: all).")
    Integer subsetSize;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Batch size, default ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Mixin
    PreprocessingOptions preprocessing = new PreprocessingOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(model)) {
            throw usage("model file not found: " + model);
        }
        if (reference != null && !Files.isRegularFile(reference)) {
            throw usage("reference model file not found: " + reference);
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            throw usage("labels file not found: " + labels);
        }
        if (reference == null && (referenceEngine != null || referenceDevice != null)) {
            throw usage("--reference-engine and --reference-device need --reference MODEL");
        }
        if (labels == null && reference == null) {
            throw usage("nothing to measure: give --labels FILE (accuracy) or --reference MODEL (output difference)");
        }
        if (top < 1 || batch < 1 || (subsetSize != null && subsetSize < 1)) {
            throw usage("--top, --batch and --subset-size must be at least 1");
        }
        String source = DataSources.resolve(data);
        if (source == null) {
            throw usage("--data: file or folder not found: " + data);
        }
        SampleSource samples = dataOptions.source(source, preprocessing);
        if (labels != null && !samples.loaderName().equals(SampleSource.IMAGE)) {
            throw usage("--labels names image files; the '" + samples.loaderName() + "' loader reads --data");
        }
        PluginRegistry registry = registry();
        PluginContext context = registry.context();
        Model evaluated = ModelFiles.read(registry, model, Optional.ofNullable(weights), null);
        if (labels != null) {
            Map<String, Object> labelOptions = new LinkedHashMap<>(samples.loaderOptions());
            labelOptions.put("labels_file", labels.toAbsolutePath().normalize().toString());
            labelOptions.put("label_offset", labelOffset);
            DataLoader data = new SampleSource(samples.source(), Optional.of(SampleSource.IMAGE), labelOptions,
                    samples.imageOptions(), samples.imageFlags(), samples.shapes()).open(registry, evaluated, context)
                    .loader();
            Metric accuracy = registry.metric("accuracy").create(Map.of("top_k", top), context);
            Map<String, Double> values = predict(registry, evaluated, data, accuracy);
            int n = samples(data);
            out().println("Model: " + model + ", " + n + " images of " + data.description());
            new TreeMap<>(values).forEach((name, v) -> out().println(ModelEvaluation.percent(name, v, n)));
        }
        if (reference != null) {
            DataLoader data = samples.open(registry, evaluated, context).loader();
            Model referenceModel = ModelFiles.read(registry, reference, Optional.empty(), null);
            String engineName = engine.engineName(registry);
            boolean sameEngine = referenceEngine == null || referenceEngine.equals(engineName);
            String device = referenceDevice != null ? referenceDevice : sameEngine ? engine.device : "CPU";
            try (Engine referenceRuntime = registry.engine(sameEngine ? engineName : referenceEngine).create(
                    new EngineSettings(device, sameEngine ? engine.config() : Map.of()), context)) {
                referenceRuntime.setModel(referenceModel);
                DataLoader paired = new ReferenceOutputsLoader(data, referenceRuntime);
                Metric difference = registry.metric("output_difference").create(Map.of(), context);
                Map<String, Double> values = predict(registry, evaluated, paired, difference);
                out().println("Model: " + model + " (" + engineName + " on " + engine.device + ") against " + reference
                        + " (" + referenceRuntime.name() + " on " + device + "), " + samples(data) + " samples of "
                        + data.description());
                out().println("max abs difference: " + sixDigits(values.get(OutputDifference.MAX)));
                out().println("mean abs difference: " + sixDigits(values.get(OutputDifference.MEAN)));
            }
        }
        return 0;
    }

    /** 0.616729, 0.000209329, 0: six significant digits without exponent or trailing zeros. */
    static String sixDigits(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private int samples(DataLoader data) {
        return subsetSize == null ? data.size() : Math.min(subsetSize, data.size());
    }

    private Map<String, Double> predict(PluginRegistry registry, Model evaluated, DataLoader data, Metric metric) {
        try (Engine e = registry.engine(engine.engineName(registry)).create(
                new EngineSettings(engine.device, engine.config()), registry.context())) {
            e.setModel(evaluated);
            return ModelEvaluation.run(e, data, metric, samples(data), batch, root().progress());
        }
    }
}
