package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;

/**
 * The options of the {@code mtcnn} engine, bound from {@code EngineSettings.config}.
 *
 * @param delegate        the engine that runs each stage ({@code "reference"} by default, or {@code "onnxruntime"})
 * @param delegateOptions that engine's options
 * @param minFaceSize     the smallest face looked for, in pixels (20): the first pyramid scale is 12 / minFaceSize
 * @param scaleFactor     the ratio between pyramid levels (0.709)
 * @param thresholds      face probability thresholds of P-, R- and O-Net (0.6, 0.7, 0.7)
 * @param nmsThresholds   IoU thresholds of the suppressions: within one pyramid scale, across scales, after R-Net,
 *                        after O-Net (the last by intersection over the smaller box) (0.5, 0.7, 0.7, 0.7)
 * @param transposed      per stage (P, R, O): the model takes spatially transposed images ({@code [N,3,W,H]}), as
 *                        the original Caffe MT-CNN models do; option {@code layout} is {@code "normal"},
 *                        {@code "transposed"} or a list of three of them (to mix exports, e.g. a normal R-Net with
 *                        Caffe's P- and O-Net)
 */
record MtcnnOptions(String delegate, Map<String, Object> delegateOptions, double minFaceSize, double scaleFactor,
                    List<Double> thresholds, List<Double> nmsThresholds, List<Boolean> transposed) {
    static final Set<String> KEYS = Set.of("delegate", "delegate_options", "min_face_size", "scale_factor",
            "thresholds", "nms_thresholds", "layout");

    MtcnnOptions {
        delegateOptions = Map.copyOf(delegateOptions);
        thresholds = List.copyOf(thresholds);
        nmsThresholds = List.copyOf(nmsThresholds);
        transposed = List.copyOf(transposed);
    }

    /** True when stage {@code index} (0 = P-Net) takes transposed images. */
    boolean transposed(int index) {
        return transposed.get(index);
    }

    static MtcnnOptions defaults() {
        return from(Map.of());
    }

    /**
     * @throws ConfigurationException naming the key ({@code engine.<key>}) of an unknown option or a bad value
     */
    static MtcnnOptions from(Map<String, Object> config) {
        for (String key : config.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigurationException("engine." + key, "unknown option of the mtcnn engine (options: "
                        + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        String delegate = string(config, "delegate", "reference");
        Map<String, Object> delegateOptions = map(config, "delegate_options");
        double minFace = number(config, "min_face_size", 20, 1, 100_000);
        double factor = number(config, "scale_factor", 0.709, 0.05, 0.99);
        List<Double> thresholds = probabilities(config, "thresholds", List.of(0.6, 0.7, 0.7), 3);
        List<Double> nms = probabilities(config, "nms_thresholds", List.of(0.5, 0.7, 0.7, 0.7), 4);
        List<Boolean> transposed = layouts(config.get("layout"));
        return new MtcnnOptions(delegate, delegateOptions, minFace, factor, thresholds, nms, transposed);
    }

    private static List<Boolean> layouts(Object v) {
        if (v == null) {
            return List.of(false, false, false);
        }
        if (v instanceof List<?> list) {
            if (list.size() != 3) {
                throw new ConfigurationException("engine.layout", "a list of layouts needs one per stage (P, R, O), got "
                        + list);
            }
            List<Boolean> out = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                out.add(layout(list.get(i), "engine.layout[" + i + "]"));
            }
            return out;
        }
        boolean t = layout(v, "engine.layout");
        return List.of(t, t, t);
    }

    private static boolean layout(Object v, String key) {
        String s = v instanceof String str ? str.toLowerCase(Locale.ROOT) : "";
        if (!s.equals("normal") && !s.equals("transposed")) {
            throw new ConfigurationException(key, "must be 'normal' or 'transposed' (Caffe MT-CNN models that take "
                    + "[N,3,W,H] images), got " + v);
        }
        return s.equals("transposed");
    }

    private static String string(Map<String, Object> config, String key, String fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new ConfigurationException("engine." + key, "must be a non-blank string, got " + v);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new ConfigurationException("engine." + key, "must be an object of the delegate engine's options, got " + v);
        }
        return (Map<String, Object>) v;
    }

    private static double number(Map<String, Object> config, String key, double fallback, double min, double max) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new ConfigurationException("engine." + key, "must be a number, got " + v);
        }
        double d = n.doubleValue();
        if (!(d >= min && d <= max)) {
            throw new ConfigurationException("engine." + key, "must be in [" + min + ", " + max + "], got " + d);
        }
        return d;
    }

    private static List<Double> probabilities(Map<String, Object> config, String key, List<Double> fallback, int count) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list) || list.size() != count) {
            throw new ConfigurationException("engine." + key, "must be a list of " + count + " numbers, got " + v);
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object e = list.get(i);
            if (!(e instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                throw new ConfigurationException("engine." + key + "[" + i + "]", "must be a number in [0, 1], got " + e);
            }
            out.add(n.doubleValue());
        }
        return out;
    }
}
