package org.pot4j.engine.ort;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;

/**
 * The engine's options, bound from the plain configuration map.
 *
 * @param intraOpThreads    {@code threads}: ONNX Runtime's intra-op thread count; 0 lets ONNX Runtime choose
 * @param interOpThreads    {@code inter_op_threads}: 0 lets ONNX Runtime choose
 * @param optimizationLevel {@code optimization_level}: {@code disabled}, {@code basic}, {@code extended} or
 *                          {@code all} (default)
 * @param cudaDevice        {@code cuda_device}: the CUDA device id for device GPU (default 0)
 * @param sessionConfig     {@code session_config}: extra ONNX Runtime session config entries, key to value
 */
public record OrtEngineOptions(int intraOpThreads, int interOpThreads, String optimizationLevel, int cudaDevice,
                               Map<String, String> sessionConfig) {
    private static final Set<String> KEYS = Set.of("threads", "inter_op_threads", "optimization_level", "cuda_device",
            "session_config");
    private static final Set<String> LEVELS = Set.of("disabled", "basic", "extended", "all");

    public OrtEngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0 || cudaDevice < 0) {
            throw new IllegalArgumentException("thread counts and device ids must not be negative");
        }
        if (!LEVELS.contains(optimizationLevel)) {
            throw new IllegalArgumentException("unknown optimization level '" + optimizationLevel + "'");
        }
        sessionConfig = Map.copyOf(sessionConfig);
    }

    /** The defaults: ONNX Runtime's thread counts, all optimizations, CUDA device 0. */
    public static OrtEngineOptions defaults() {
        return new OrtEngineOptions(0, 0, "all", 0, Map.of());
    }

    /**
     * Binds {@code config}.
     *
     * @throws ConfigurationException naming the key that is unknown or has a bad value
     */
    public static OrtEngineOptions from(Map<String, Object> config) {
        for (String key : config.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigurationException(key, "unknown option of the onnxruntime engine (known: "
                        + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        int threads = intOption(config, "threads", 0);
        int inter = intOption(config, "inter_op_threads", 0);
        int device = intOption(config, "cuda_device", 0);
        String level = String.valueOf(config.getOrDefault("optimization_level", "all")).trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new ConfigurationException("optimization_level", "must be one of " + new java.util.TreeSet<>(LEVELS)
                    + ", got '" + config.get("optimization_level") + "'");
        }
        Map<String, String> session = new LinkedHashMap<>();
        Object raw = config.get("session_config");
        if (raw != null) {
            if (!(raw instanceof Map)) {
                throw new ConfigurationException("session_config", "must be an object of string values");
            }
            ((Map<?, ?>) raw).forEach((k, v) -> session.put(String.valueOf(k), String.valueOf(v)));
        }
        return new OrtEngineOptions(threads, inter, level, device, session);
    }

    private static int intOption(Map<String, Object> config, String key, int fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long l = v instanceof Number ? ((Number) v).longValue() : Long.parseLong(v.toString().trim());
            if (l < 0 || l > Integer.MAX_VALUE || (v instanceof Double && ((Double) v) % 1 != 0)) {
                throw new NumberFormatException();
            }
            return (int) l;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a non-negative integer, got '" + v + "'");
        }
    }
}
