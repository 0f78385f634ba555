package org.pot4j.examples.quickstart;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pot4j.Pot;
import org.pot4j.PotEngine;
import org.pot4j.SavedModel;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.core.pipeline.Pipeline;

/**
 * POT's API sample in Java: quantizes an OpenVINO IR model to INT8 with DefaultQuantization, calibrating on a folder
 * of images, and prints where it saved the result.
 *
 * <pre>
 * Quickstart [model.xml] [images folder] [output folder]
 * </pre>
 *
 * Without arguments it quantizes the repository's sample SqueezeNet on the sample photos (paths relative to the
 * repository root) into {@code target/optimized_model}.
 */
public final class Quickstart {
    /** The arguments' defaults: the repository's samples, relative to its root. */
    static final String DEFAULT_MODEL = "samples/squeezenet1.1/squeezenet1.1.xml";
    static final String DEFAULT_IMAGES = "samples/images";
    static final String DEFAULT_OUTPUT = "target/optimized_model";

    static final String USAGE = """
            usage: Quickstart [model.xml] [images folder] [output folder]
              model.xml      an OpenVINO IR model, its .bin beside it (default: %s)
              images folder  the .png/.jpg/.jpeg/.bmp images to calibrate on (default: %s)
              output folder  where optimized_model.xml/.bin are written (default: %s)""".formatted(
            DEFAULT_MODEL, DEFAULT_IMAGES, DEFAULT_OUTPUT);

    /** POT's {@code stat_subset_size} of the sample: at most this many images are used for statistics. */
    static final int STAT_SUBSET_SIZE = 300;

    private Quickstart() {
    }

    /**
     * Runs the quick start from the command line: exit code 0 when the model was saved, 1 when it could not be
     * quantized (a missing file, an unreadable image: the message says which), 2 for a wrong command line.
     *
     * @param args {@code [model.xml] [images folder] [output folder]}
     */
    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the quick start on command-line arguments, printing the saved files or one {@code error: ...} line.
     *
     * @param args {@code [model.xml] [images folder] [output folder]}
     * @param out  where the saved files are printed
     * @param err  where errors and the usage go
     * @return the exit code: 0 saved, 1 failed, 2 wrong arguments
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length > 3) {
            return usageError(err, "expected at most 3 arguments, got " + args.length);
        }
        Path xml;
        Path images;
        Path output;
        try {
            xml = Path.of(args.length > 0 ? args[0] : DEFAULT_MODEL);
            images = Path.of(args.length > 1 ? args[1] : DEFAULT_IMAGES);
            output = Path.of(args.length > 2 ? args[2] : DEFAULT_OUTPUT);
        } catch (InvalidPathException e) {
            return usageError(err, e.getMessage());
        }
        try {
            for (SavedModel saved : run(xml, images, output, STAT_SUBSET_SIZE)) {
                out.println("saved " + saved.name() + ": model " + saved.model()
                        + saved.weights().map(weights -> ", weights " + weights).orElse(""));
            }
            return 0;
        } catch (Pot4jException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }

    /**
     * POT's six steps: quantizes a model with DefaultQuantization on the images of a folder and saves it as
     * {@code optimized_model}.
     *
     * @param xml            the OpenVINO IR model, its {@code .bin} beside it
     * @param images         the folder of calibration images
     * @param output         the folder to save into (created when needed)
     * @param statSubsetSize how many images statistics are collected on, at most
     * @return the files written
     * @throws Pot4jException naming the file or setting at fault
     */
    static List<SavedModel> run(Path xml, Path images, Path output, int statSubsetSize) {
        // Step 1: the data loader (POT: data_loader = ImageLoader(dataset_path))
        DataLoader dataLoader = new ImageLoader(images);

        // Step 2: the model (POT: model = load_model(model_config))
        Map<String, Object> modelConfig = Map.of("model_name", "model", "model", xml, "weights", weightsOf(xml));
        Model model = Pot.loadModel(modelConfig);

        // Step 3: the engine (POT: engine = IEEngine(config=engine_config, data_loader=data_loader))
        Map<String, Object> engineConfig = Map.of("device", "CPU");
        try (PotEngine engine = Pot.createEngine(engineConfig, dataLoader)) {
            // Step 4: the pipeline (POT: pipeline = create_pipeline(algorithms, engine))
            List<Map<String, Object>> algorithms = List.of(Map.of("name", "DefaultQuantization",
                    "params", Map.of("target_device", "ANY", "stat_subset_size", statSubsetSize)));
            Pipeline pipeline = Pot.createPipeline(algorithms, engine);

            // Step 5: quantize (POT: compressed_model = pipeline.run(model=model))
            Model compressedModel = pipeline.run(model);

            // Step 6: int8 weights, then save (POT: compress_model_weights(...); save_model(...))
            Pot.compressModelWeights(compressedModel);
            return Pot.saveModel(compressedModel, output, "optimized_model");
        }
    }

    /** The {@code .bin} beside an IR's {@code .xml}, as POT's samples name it. */
    private static Path weightsOf(Path xml) {
        String name = xml.getFileName().toString();
        String stem = name.endsWith(".xml") ? name.substring(0, name.length() - ".xml".length()) : name;
        return xml.resolveSibling(stem + ".bin");
    }

}
