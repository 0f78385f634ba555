package org.pot4j.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pot4j.api.error.ConfigurationException;

/**
 * Typed, validating reads of a plain JSON-like configuration map, as plugins receive their configuration; every
 * failure names the key (after an optional path prefix such as {@code params.}). Unknown keys are rejected up front so
 * that a misspelt option never passes silently, in nested objects ({@link #optObject}) too.
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
                throw new ConfigurationException(prefix + key, "unknown key (expected one of "
                        + String.join(", ", new TreeSet<>(knownKeys)) + ")");
            }
        }
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The keys given, in their order. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** How errors name {@code key}: the prefix, then the key ({@code params.stat_subset_size}). */
    public String path(String key) {
        return prefix + key;
    }

    /** A string that must be one of {@code allowed}. */
    public Optional<String> optOneOf(String key, List<String> allowed) {
        Optional<String> s = optString(key);
        if (s.isPresent() && !allowed.contains(s.get())) {
            throw new ConfigurationException(prefix + key, "'" + s.get() + "' is not one of " + String.join(", ", allowed));
        }
        return s;
    }

    /** An integer of at least {@code min}. */
    public Optional<Integer> optIntAtLeast(String key, int min) {
        return optIntInRange(key, min, Integer.MAX_VALUE);
    }

    /** An integer in {@code [min, max]}. */
    public Optional<Integer> optIntInRange(String key, int min, int max) {
        Optional<Integer> v = optInt(key);
        if (v.isPresent() && v.get() < min) {
            throw new ConfigurationException(prefix + key, "must be at least " + min + ", got " + v.get());
        }
        if (v.isPresent() && v.get() > max) {
            throw new ConfigurationException(prefix + key, "must be at most " + max + ", got " + v.get());
        }
        return v;
    }

    public Optional<Long> optLong(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        double d = number(key, v);
        if (d != Math.rint(d)) {
            throw new ConfigurationException(prefix + key, "expected an integer, got " + v);
        }
        if (Math.abs(d) >= 0x1p63) {
            throw new ConfigurationException(prefix + key, "expected an integer from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", got " + v);
        }
        return Optional.of(v instanceof Long l ? l : (long) d);
    }

    /**
     * A nested object, read as its own {@code ConfigValues} whose errors name {@code <prefix><key>.<nested key>};
     * keys outside {@code knownKeys} are rejected.
     */
    public Optional<ConfigValues> optObject(String key, Set<String> knownKeys) {
        return optMap(key).map(m -> new ConfigValues(m, knownKeys, prefix + key + "."));
    }

    /** A nested object as plain values, for free-form parts (its keys are not checked). */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> optMap(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map)) {
            throw new ConfigurationException(prefix + key, "expected an object, got " + describe(v));
        }
        return Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) v)));
    }

    /** A list as plain values; {@link #path(String)} with {@code [i]} names an element in errors. */
    public Optional<List<Object>> optList(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof List)) {
            throw new ConfigurationException(prefix + key, "expected a list, got " + describe(v));
        }
        return Optional.of(Collections.unmodifiableList(new ArrayList<>((List<?>) v)));
    }

    /** A list of objects, each read with {@code knownKeys} and named {@code <prefix><key>[i].} in errors. */
    @SuppressWarnings("unchecked")
    public Optional<List<ConfigValues>> optObjects(String key, Set<String> knownKeys) {
        Optional<List<Object>> list = optList(key);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigValues> out = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            Object e = list.get().get(i);
            String path = prefix + key + "[" + i + "]";
            if (!(e instanceof Map)) {
                throw new ConfigurationException(path, "expected an object, got " + (e == null ? "null" : describe(e)));
            }
            out.add(new ConfigValues((Map<String, Object>) e, knownKeys, path + "."));
        }
        return Optional.of(List.copyOf(out));
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
        if (d != Math.rint(d)) {
            throw new ConfigurationException(prefix + key, "expected an integer, got " + v);
        }
        if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new ConfigurationException(prefix + key, "expected an integer from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) d;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String text = v instanceof String ? "'" + v + "'" : String.valueOf(v);
        return ConfigNode.shorten(text) + " (" + v.getClass().getSimpleName() + ")";
    }
}
