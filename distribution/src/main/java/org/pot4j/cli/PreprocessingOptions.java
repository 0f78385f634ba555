package org.pot4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How images become model inputs, shared by {@code quantize}, {@code evaluate} and {@code benchmark}: keys of the
 * image loader (other loaders refuse them).
 */
final class PreprocessingOptions {
    enum Layout { NCHW, NHWC }

    enum ColorOrder { BGR, RGB }

    @Option(names = "--layout", paramLabel = "NCHW|NHWC",
            description = "Input layout (default: guessed from the model input shape, a channel dimension of 1 or 3).")
    Layout layout;

    @Option(names = "--color", paramLabel = "BGR|RGB",
            description = "Channel order of the input (BGRA/RGBA for 4 channels), default BGR (as OpenCV and POT).")
    ColorOrder color;

    @Option(names = "--mean", split = ",", paramLabel = "a,b,c",
            description = "Subtracted per channel (one value or one per channel): x' = (x - mean) / scale.")
    List<Double> mean;

    @Option(names = "--scale", split = ",", paramLabel = "a,b,c",
            description = "Divisor per channel (one value or one per channel).")
    List<Double> scale;

    @Option(names = "--central-fraction", paramLabel = "F",
            description = "Keep this central fraction of each image side before resizing, in (0, 1].")
    Double centralFraction;

    /** The image loader keys these options set (never {@code data_source} or {@code input_shape}). */
    Map<String, Object> loaderConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (layout != null) {
            config.put("layout", layout.name());
        }
        config.put("color_order", color == null ? ColorOrder.BGR.name() : color.name());
        if (mean != null) {
            config.put("mean", List.copyOf(mean));
        }
        if (scale != null) {
            config.put("scale", List.copyOf(scale));
        }
        if (centralFraction != null) {
            config.put("central_fraction", centralFraction);
        }
        return config;
    }

    /** The options the user typed, as typed ({@code --mean}, ...): they make sense for images only. */
    List<String> given() {
        List<String> given = new ArrayList<>();
        if (layout != null) {
            given.add("--layout");
        }
        if (color != null) {
            given.add("--color");
        }
        if (mean != null) {
            given.add("--mean");
        }
        if (scale != null) {
            given.add("--scale");
        }
        if (centralFraction != null) {
            given.add("--central-fraction");
        }
        return given;
    }
}
