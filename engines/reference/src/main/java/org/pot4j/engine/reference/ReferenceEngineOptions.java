package org.pot4j.engine.reference;

import java.util.Map;
import org.pot4j.api.error.ConfigurationException;

/**
 * The engine's options, bound from the plain config map of {@link org.pot4j.api.engine.EngineSettings}.
 *
 * @param threads       compute threads (key {@code threads}; default: available processors)
 * @param vector        use the Vector API kernels when the JVM has {@code jdk.incubator.vector} (key {@code vector};
 *                      default true)
 * @param fusion        run convolution/MatMul + bias Add + activation chains as one step (key {@code fusion};
 *                      default true, or {@code -Dpot4j.reference.fusion=false}); statistics ports always see the
 *                      unfused values
 */
public record ReferenceEngineOptions(int threads, boolean vector, boolean fusion) {
    public ReferenceEngineOptions {
        if (threads < 1) {
            throw new ConfigurationException("threads", "must be at least 1, got " + threads);
        }
    }

    public static ReferenceEngineOptions defaults() {
        return new ReferenceEngineOptions(Runtime.getRuntime().availableProcessors(), true,
                !"false".equals(System.getProperty("pot4j.reference.fusion")));
    }

    /**
     * Binds a config map.
     *
     * @throws ConfigurationException naming an unknown key or a bad value
     */
    public static ReferenceEngineOptions from(Map<String, Object> config) {
        ReferenceEngineOptions d = defaults();
        int threads = d.threads;
        boolean vector = d.vector;
        boolean fusion = d.fusion;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            switch (e.getKey()) {
                case "threads":
                    threads = integer(e.getKey(), e.getValue());
                    break;
                case "vector":
                    vector = bool(e.getKey(), e.getValue());
                    break;
                case "fusion":
                    fusion = bool(e.getKey(), e.getValue());
                    break;
                default:
                    throw new ConfigurationException(e.getKey(),
                            "unknown option of the reference engine (known: threads, vector, fusion)");
            }
        }
        return new ReferenceEngineOptions(threads, vector, fusion);
    }

    private static int integer(String key, Object v) {
        if (v instanceof Number && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
            return ((Number) v).intValue();
        }
        if (v instanceof String) {
            try {
                return Integer.parseInt(((String) v).trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new ConfigurationException(key, "must be an integer, got '" + v + "'");
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String && (v.equals("true") || v.equals("false"))) {
            return Boolean.parseBoolean((String) v);
        }
        throw new ConfigurationException(key, "must be true or false, got '" + v + "'");
    }
}
