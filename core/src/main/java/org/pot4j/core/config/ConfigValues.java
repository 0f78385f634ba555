package org.pot4j.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pot4j.api.error.ConfigurationException;

/**
 * Typed, validating reads of a plain JSON-like configuration map, as plugins receive their configuration; every
 * failure names the key (after an optional path prefix such as {@code params.}). Unknown keys are rejected up front so
 * that a misspelt option never passes silently.
 */
public final class ConfigValues {
    private final Map<String, Object> values;
    private final String prefix;

    /** Reads {@code config}, rejecting keys outside {@code knownKeys}. */
    public ConfigValues(Map<String, Object> config, Set<String> knownKeys) {
        this(config, knownKeys, "");
    }

    /** Reads {@code config}, whose keys are named in errors as {@code prefix + key}. */
    public ConfigValues(Map<String, Object> config, Set<String> knownKeys, String prefix) {
        this.values = config == null ? Map.of() : config;
        this.prefix = prefix;
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new ConfigurationException(prefix + key, "unknown key; expected one of " + new TreeSet<>(knownKeys));
            }
        }
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public String requireString(String key) {
        return optString(key).orElseThrow(() -> new ConfigurationException(prefix + key, "is required"));
    }

    public Optional<String> optString(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new ConfigurationException(prefix + key, "expected a non-empty string, got " + describe(v));
        }
        return Optional.of(((String) v).trim());
    }

    public Optional<Double> optNumber(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(number(key, v));
    }

    public Optional<Integer> optInt(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(integer(key, v));
    }

    public Optional<Boolean> optBoolean(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean)) {
            throw new ConfigurationException(prefix + key, "expected true or false, got " + describe(v));
        }
        return Optional.of((Boolean) v);
    }

    /** A single number or a non-empty list of numbers. */
    public Optional<List<Double>> optNumbers(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number) {
            return Optional.of(List.of(number(key, v)));
        }
        if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
            throw new ConfigurationException(prefix + key, "expected a number or a non-empty list of numbers, got " + describe(v));
        }
        List<Double> out = new ArrayList<>();
        List<?> list = (List<?>) v;
        for (int i = 0; i < list.size(); i++) {
            out.add(number(key + "[" + i + "]", list.get(i)));
        }
        return Optional.of(List.copyOf(out));
    }

    /** A list of integers where null or -1 marks an unknown (dynamic) dimension, returned as -1. */
    public Optional<List<Long>> optDims(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
            throw new ConfigurationException(prefix + key, "expected a list of dimensions, got " + describe(v));
        }
        List<?> list = (List<?>) v;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object d = list.get(i);
            long dim = d == null ? -1 : integer(key + "[" + i + "]", d);
            if (dim < -1) {
                throw new ConfigurationException(prefix + key + "[" + i + "]", "a dimension must be -1 (dynamic) or positive, got " + dim);
            }
            out.add(dim);
        }
        return Optional.of(List.copyOf(out));
    }

    private double number(String key, Object v) {
        if (!(v instanceof Number)) {
            throw new ConfigurationException(prefix + key, "expected a number, got " + describe(v));
        }
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
            throw new ConfigurationException(prefix + key, "expected a finite number, got " + d);
        }
        return d;
    }

    private int integer(String key, Object v) {
        double d = number(key, v);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new ConfigurationException(prefix + key, "expected an integer, got " + v);
        }
        return (int) d;
    }

    private static String describe(Object v) {
        String text = v instanceof String ? "'" + v + "'" : String.valueOf(v);
        return text + " (" + v.getClass().getSimpleName() + ")";
    }
}
