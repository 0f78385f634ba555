package org.pot4j.api.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes of a node, with typed getters. Values are {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, {@code long[]}, {@code double[]} or {@code List<String>}; the getters also parse the
 * comma-separated strings IR uses ({@code "1,1"}), so both formats read the same way.
 */
public final class Attributes {
    /** No attributes. */
    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Attributes holding a copy of {@code values} in their order.
     *
     * @param values attribute values by name, of the types listed above
     * @return the attributes
     */
    public static Attributes of(Map<String, ?> values) {
        return new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** {@return the attribute names, in order} */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * Tells whether an attribute is set.
     *
     * @param name the attribute name
     * @return true when it has a value
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The value as it is stored.
     *
     * @param name the attribute name
     * @return the value, or empty when absent
     */
    public Optional<Object> raw(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** {@return all values by name, in order, unmodifiable} */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The value as a string (arrays and lists comma-joined, as IR writes them).
     *
     * @param name the attribute name
     * @return the string, or empty when absent
     */
    public Optional<String> string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof long[]) {
            return Optional.of(join(Arrays.stream((long[]) v).mapToObj(Long::toString).toArray(String[]::new)));
        }
        if (v instanceof double[]) {
            return Optional.of(join(Arrays.stream((double[]) v).mapToObj(Double::toString).toArray(String[]::new)));
        }
        if (v instanceof List) {
            return Optional.of(join(((List<?>) v).stream().map(String::valueOf).toArray(String[]::new)));
        }
        return Optional.of(String.valueOf(v));
    }

    /**
     * The value as a string, with a default.
     *
     * @param name     the attribute name
     * @param fallback what to return when the attribute is absent
     * @return the string as {@link #string(String)} gives it, or {@code fallback}
     */
    public String string(String name, String fallback) {
        return string(name).orElse(fallback);
    }

    /**
     * The value as a long; a string is parsed, a boolean is 1 or 0.
     *
     * @param name the attribute name
     * @return the number, or empty when absent
     * @throws IllegalArgumentException when a string value is not an integer
     */
    public Optional<Long> longValue(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof Boolean) {
            return Optional.of((Boolean) v ? 1L : 0L);
        }
        return Optional.of(parseLong(name, v.toString().trim()));
    }

    /**
     * The value as a long, with a default.
     *
     * @param name     the attribute name
     * @param fallback what to return when the attribute is absent
     * @return the number as {@link #longValue(String)} gives it, or {@code fallback}
     * @throws IllegalArgumentException when a string value is not an integer
     */
    public long longValue(String name, long fallback) {
        return longValue(name).orElse(fallback);
    }

    /**
     * The value as a double; a string is parsed.
     *
     * @param name the attribute name
     * @return the number, or empty when absent
     * @throws IllegalArgumentException when a string value is not a number
     */
    public Optional<Double> doubleValue(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number) {
            return Optional.of(((Number) v).doubleValue());
        }
        try {
            return Optional.of(Double.parseDouble(v.toString().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute '" + name + "' is not a number: '" + v + "'", e);
        }
    }

    /**
     * The value as a double, with a default.
     *
     * @param name     the attribute name
     * @param fallback what to return when the attribute is absent
     * @return the number as {@link #doubleValue(String)} gives it, or {@code fallback}
     * @throws IllegalArgumentException when a string value is not a number
     */
    public double doubleValue(String name, double fallback) {
        return doubleValue(name).orElse(fallback);
    }

    /**
     * The value as a boolean; strings {@code true}/{@code false}/{@code 1}/{@code 0} and numbers (non-zero is true)
     * are accepted.
     *
     * @param name the attribute name
     * @return the boolean, or empty when absent
     * @throws IllegalArgumentException when a string value is none of those
     */
    public Optional<Boolean> booleanValue(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean) {
            return Optional.of((Boolean) v);
        }
        if (v instanceof Number) {
            return Optional.of(((Number) v).longValue() != 0);
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Optional.of(true);
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Optional.of(false);
        }
        throw new IllegalArgumentException("attribute '" + name + "' is not a boolean: '" + v + "'");
    }

    /**
     * The value as a boolean, with a default.
     *
     * @param name     the attribute name
     * @param fallback what to return when the attribute is absent
     * @return the boolean as {@link #booleanValue(String)} gives it, or {@code fallback}
     * @throws IllegalArgumentException when a string value is not a boolean
     */
    public boolean booleanValue(String name, boolean fallback) {
        return booleanValue(name).orElse(fallback);
    }

    /**
     * The value as a long array; a comma-separated string is parsed, an empty string gives an empty array, a single
     * number gives one element.
     *
     * @param name the attribute name
     * @return a new array, or empty when absent
     * @throws IllegalArgumentException when an element of a string value is not an integer
     */
    public Optional<long[]> longs(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof long[]) {
            return Optional.of(((long[]) v).clone());
        }
        if (v instanceof Number) {
            return Optional.of(new long[] {((Number) v).longValue()});
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return Optional.of(new long[0]);
        }
        String[] parts = s.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parseLong(name, parts[i].trim());
        }
        return Optional.of(out);
    }

    /**
     * The value as a double array; a comma-separated string is parsed, a long array or a single number converted.
     *
     * @param name the attribute name
     * @return a new array, or empty when absent
     * @throws IllegalArgumentException when an element of a string value is not a number
     */
    public Optional<double[]> doubles(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof double[]) {
            return Optional.of(((double[]) v).clone());
        }
        if (v instanceof long[]) {
            return Optional.of(Arrays.stream((long[]) v).asDoubleStream().toArray());
        }
        if (v instanceof Number) {
            return Optional.of(new double[] {((Number) v).doubleValue()});
        }
        String s = v.toString().trim();
        if (s.isEmpty()) {
            return Optional.of(new double[0]);
        }
        String[] parts = s.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("attribute '" + name + "' is not a list of numbers: '" + v + "'", e);
            }
        }
        return Optional.of(out);
    }

    /**
     * A copy with one attribute set; this object is unchanged.
     *
     * @param name  the attribute name, added at the end when new
     * @param value its value, of the types listed above
     * @return the new attributes
     */
    public Attributes with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Attributes(Collections.unmodifiableMap(m));
    }

    private static long parseLong(String name, String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute '" + name + "' is not an integer: '" + s + "'", e);
        }
    }

    private static String join(String[] parts) {
        return String.join(",", parts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(k).append('=').append(string(k).orElse(""));
        });
        return b.append('}').toString();
    }
}
