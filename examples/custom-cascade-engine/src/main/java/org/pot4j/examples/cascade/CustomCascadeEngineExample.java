package org.pot4j.examples.cascade;

import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;

/**
 * Quantizes a two-stage cascade with a custom cascade engine: POT's six API steps, where the engine is the user's
 * {@link ZoomInCascade} run stage by stage in pot4j's {@code reference} engine.
 *
 * <p>Usage: {@code CustomCascadeEngineExample [images [model.xml [output [threshold]]]]}, by default the embedded
 * samples of the repository root ({@code samples/images}, {@code samples/squeezenet1.1/squeezenet1.1.xml}), the
 * folder {@code target/zoom_cascade_int8} and a threshold of {@value ZoomInCascade#DEFAULT_THRESHOLD}.
 */
public final class CustomCascadeEngineExample {
    /** The photos, relative to the repository root. */
    static final Path DEFAULT_IMAGES = Path.of("samples", "images");
    /** The model both stages load, relative to the repository root. */
    static final Path DEFAULT_MODEL = Path.of("samples", "squeezenet1.1", "squeezenet1.1.xml");
    /** Where the quantized stages are saved by default. */
    static final Path DEFAULT_OUTPUT = Path.of("target", "zoom_cascade_int8");
    /** The name of the saved cascade: its stages are saved as {@code zoom_<stage>.xml/.bin}. */
    static final String MODEL_NAME = "zoom";
    /** The side of the photos the data loader gives: twice the stage input size of 227. */
    static final int PHOTO_SIDE = 454;

    private CustomCascadeEngineExample() {
    }

    /**
     * Runs the example; exits with status 1 after printing {@code error: <message>} when it fails.
     *
     * @param args optional: images folder, model {@code .xml}, output folder, zoom threshold
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the example with {@code args} as {@link #main} takes them.
     *
     * @return 0 when the cascade was quantized and saved, 1 after printing the error to {@code err}, 2 for bad usage
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 4) {
            err.println("usage: CustomCascadeEngineExample [images [model.xml [output [threshold]]]]");
            return 2;
        }
        try {
            Path images = args.length > 0 ? Path.of(args[0]) : DEFAULT_IMAGES;
            Path model = args.length > 1 ? Path.of(args[1]) : DEFAULT_MODEL;
            Path output = args.length > 2 ? Path.of(args[2]) : DEFAULT_OUTPUT;
            double threshold = args.length > 3 ? Double.parseDouble(args[3]) : ZoomInCascade.DEFAULT_THRESHOLD;
            List<SavedModel> saved = quantize(images, model, output, new ZoomInCascade(threshold));
            for (SavedModel stage : saved) {
                out.println("saved stage " + stage.name() + ": " + stage.model()
                        + stage.weights().map(w -> " + " + w.getFileName()).orElse(""));
            }
            return 0;
        } catch (Pot4jException | IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * POT's six steps on a cascade whose two stages both load {@code modelXml}.
     *
     * @param images   a folder of photos
     * @param modelXml the classifier both stages run
     * @param output   the folder the quantized stages are saved into
     * @param cascade  the cascade logic
     * @return the saved files, one entry per stage
     */
    static List<SavedModel> quantize(Path images, Path modelXml, Path output, ZoomInCascade cascade) {
        // 1. the model: one classifier, loaded twice as the two stages of a cascade
        Model cascadeModel = loadCascade(modelXml, modelXml);
        // 2. the data: whole photos at twice the stage input size, channels first
        DataLoader photos = openPhotos(images);
        // 3. the engine: the user's cascade logic, each stage run in the existing "reference" engine
        try (PotEngine engine = Pot.createCascadeEngine(Map.of("type", "reference"), cascade, photos, null)) {
            // 4. the pipeline
            Pipeline pipeline = Pot.createPipeline(List.of(Map.of("name", "DefaultQuantization",
                    "params", Map.of("target_device", "ANY", "preset", "performance", "stat_subset_size", 10))),
                    engine);
            // 5. quantize: statistics are collected at every stage inference
            Model quantized = pipeline.run(cascadeModel);
            // 6. int8 weights, saved as zoom_overview.xml/.bin and zoom_zoom.xml/.bin
            Pot.compressModelWeights(quantized);
            return Pot.saveModel(quantized, output, MODEL_NAME);
        }
    }

    /** A cascade named {@value #MODEL_NAME} of the stages {@code overview} and {@code zoom}. */
    static Model loadCascade(Path overviewXml, Path zoomXml) {
        return Pot.loadModel(Map.of("model_name", MODEL_NAME, "cascade", List.of(
                Map.of("name", "overview", "model", overviewXml),
                Map.of("name", "zoom", "model", zoomXml))));
    }

    /** The photos of {@code folder} as {@code [3, 454, 454]} BGR samples, 0..255. */
    static DataLoader openPhotos(Path folder) {
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", folder.toString(),
                "size", List.of(PHOTO_SIDE, PHOTO_SIDE), "layout", "CHW")));
    }
}
