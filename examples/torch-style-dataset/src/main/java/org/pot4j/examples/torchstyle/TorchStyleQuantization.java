package org.pot4j.examples.torchstyle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pot4j.Pot;
import org.pot4j.PotEngine;
import org.pot4j.SavedModel;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.torch.DatasetDataLoader;

/**
 * Quantizes an OpenVINO IR on a torchvision-style data set with POT's six steps:
 * {@code java ... TorchStyleQuantization [model.xml [images [output [stat_subset_size]]]]}, by default the sample
 * SqueezeNet on the sample photos into {@code target/torch-style-optimized}, from the repository root.
 */
public final class TorchStyleQuantization {
    /** The model's input, which every sample feeds. */
    static final String INPUT = "data";

    private TorchStyleQuantization() {
    }

    /**
     * Runs the example, printing what it calibrated on and the files it saved; a mistake prints
     * {@code error: <message>} and exits with 1.
     *
     * @param args model xml, images folder, output folder, stat_subset_size; each optional, in that order
     */
    public static void main(String[] args) {
        String usage = "usage: TorchStyleQuantization [model.xml [images [output [stat_subset_size]]]]";
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage);
            return;
        }
        if (args.length > 4) {
            System.err.println("error: " + args.length + " arguments, at most 4; " + usage);
            System.exit(1);
        }
        try {
            Path model = Path.of(arg(args, 0, "samples/squeezenet1.1/squeezenet1.1.xml"));
            Path images = Path.of(arg(args, 1, "samples/images"));
            Path output = Path.of(arg(args, 2, "target/torch-style-optimized"));
            int statSubsetSize = statSubsetSize(arg(args, 3, "300"));
            CalibrationImages dataset = new CalibrationImages(images, SqueezeNetPreprocessing.transform());
            System.out.println("calibration data: " + dataset);
            for (SavedModel saved : quantize(model, dataset, output, statSubsetSize)) {
                System.out.println("saved " + saved.model() + saved.weights().map(w -> " and " + w).orElse(""));
            }
        } catch (Pot4jException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * POT's six steps: load the model, create an engine over the data set as a data loader, create a
     * DefaultQuantization pipeline, run it, compress the weights to int8, save under the model's file name.
     *
     * @param modelXml       the IR ({@code .bin} beside it)
     * @param dataset        the calibration samples
     * @param outputFolder   where the quantized IR is written (created when needed)
     * @param statSubsetSize how many samples statistics are collected on
     * @return the files written
     * @throws Pot4jException naming the file, sample or configuration key of the first problem
     */
    public static List<SavedModel> quantize(Path modelXml, CalibrationImages dataset, Path outputFolder,
                                            int statSubsetSize) {
        // torchvision's (image, target) pair becomes the API's DataItem: the input by name, the label as annotation
        DataLoader loader = DatasetDataLoader.of(dataset,
                sample -> new DataItem(Map.of(INPUT, sample.image()), sample.label(), Map.of()), dataset.toString());
        String name = modelName(modelXml);
        Model model = Pot.loadModel(Map.of("model_name", name, "model", modelXml));
        try (PotEngine engine = Pot.createEngine(Map.of("device", "CPU"), loader)) {
            Pipeline pipeline = Pot.createPipeline(List.of(Map.of("name", "DefaultQuantization",
                    "params", Map.of("target_device", "ANY", "preset", "performance",
                            "stat_subset_size", statSubsetSize))), engine);
            Model compressed = pipeline.run(model);
            Pot.compressModelWeights(compressed);
            return Pot.saveModel(compressed, outputFolder, name);
        }
    }

    private static String modelName(Path modelXml) {
        String file = modelXml.getFileName().toString();
        return file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
    }

    private static String arg(String[] args, int index, String fallback) {
        return index < args.length ? args[index] : fallback;
    }

    private static int statSubsetSize(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stat_subset_size: not a whole number: '" + text + "'");
        }
    }
}
