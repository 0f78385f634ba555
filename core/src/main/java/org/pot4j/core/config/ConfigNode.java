package org.pot4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pot4j.api.error.ConfigurationException;

/** A JSON value with its key path, and typed getters whose errors name that path. */
final class ConfigNode {
    /** The longest path a file system takes (Linux's PATH_MAX). */
    private static final int MAX_PATH_CHARS = 4096;
    private final JsonNode node;
    private final String path;

    ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    JsonNode json() {
        return node;
    }

    ConfigurationException error(String message) {
        return new ConfigurationException(path, message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigNode object() {
        if (!node.isObject()) {
            throw error("must be an object, got " + describe());
        }
        return this;
    }

    /** Fails on the first key (in document order) that is not allowed. */
    ConfigNode allowOnly(Set<String> keys) {
        object();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new ConfigurationException(child(key), "unknown key (expected one of "
                        + String.join(", ", new TreeSet<>(keys)) + ")");
            }
        }
        return this;
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        object().node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The value at {@code key}; JSON {@code null} counts as absent, as Python's {@code None}. */
    Optional<ConfigNode> opt(String key) {
        JsonNode v = object().node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(new ConfigNode(v, child(key)));
    }

    /** The value at {@code key} as given, JSON {@code null} included. */
    ConfigNode raw(String key) {
        JsonNode v = object().node.get(key);
        if (v == null) {
            throw new ConfigurationException(child(key), "missing required key");
        }
        return new ConfigNode(v, child(key));
    }

    boolean has(String key) {
        return opt(key).isPresent();
    }

    ConfigNode require(String key) {
        return opt(key).orElseThrow(() -> new ConfigurationException(child(key), "missing required key"));
    }

    String string() {
        if (!node.isTextual()) {
            throw error("must be a string, got " + describe());
        }
        return node.asText();
    }

    String nonBlankString() {
        String s = string();
        if (s.isBlank()) {
            throw error("must not be blank");
        }
        return s;
    }

    String oneOf(List<String> allowed) {
        String s = string();
        if (!allowed.contains(s)) {
            throw error("'" + shorten(s) + "' is not one of " + String.join(", ", allowed));
        }
        return s;
    }

    int integer() {
        if (!node.isIntegralNumber()) {
            throw error("must be an integer, got " + describe());
        }
        if (!node.canConvertToInt()) {
            throw error("must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", got " + describe());
        }
        return node.asInt();
    }

    long longValue() {
        if (!node.isIntegralNumber()) {
            throw error("must be an integer, got " + describe());
        }
        if (!node.canConvertToLong()) {
            throw error("must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", got " + describe());
        }
        return node.asLong();
    }

    int integerAtLeast(int min) {
        int v = integer();
        if (v < min) {
            throw error("must be at least " + min + ", got " + v);
        }
        return v;
    }

    double number() {
        if (!node.isNumber()) {
            throw error("must be a number, got " + describe());
        }
        return checkedDouble(node, path);
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw error("must be true or false, got " + describe());
        }
        return node.asBoolean();
    }

    List<ConfigNode> list() {
        if (!node.isArray()) {
            throw error("must be a list, got " + describe());
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** The string as a path resolved against {@code base}, absolute and normalised. */
    Path pathValue(Path base) {
        String s = nonBlankString();
        if (s.length() > MAX_PATH_CHARS) {
            throw error("a path of " + s.length() + " characters is longer than file systems allow (" + MAX_PATH_CHARS + ")");
        }
        try {
            return base.resolve(s).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw error("invalid path '" + shorten(s) + "': " + e.getReason());
        }
    }

    /** A path that must name an existing regular file. */
    Path existingFile(Path base) {
        Path p = pathValue(base);
        if (!Files.isRegularFile(p)) {
            throw error("file not found: " + shorten(p));
        }
        return p;
    }

    /**
     * The value as plain Java values: maps, lists, strings, integers, longs, doubles, booleans, null.
     *
     * @throws ConfigurationException naming the key path of a number no long or double holds
     */
    Object plain() {
        return plain(node, path);
    }

    /**
     * A node over plain Java values, as the facade's configuration maps hold them: maps with String keys, lists and
     * arrays, strings, {@link Path}s and {@link java.io.File}s (as their text), any {@link Number}, booleans, nulls.
     *
     * @throws ConfigurationException naming the key path of a value of another type, of a map or list that contains
     *                                itself, or of values nested more than {@link ConfigJson#MAX_NESTING} deep
     */
    static ConfigNode ofPlain(Object value, String path) {
        return new ConfigNode(tree(value, path, 0, Collections.newSetFromMap(new IdentityHashMap<>())), path);
    }

    private static JsonNode tree(Object v, String path, int depth, Set<Object> enclosing) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        // before Iterable: a Path is an Iterable of its name elements
        if (v instanceof CharSequence || v instanceof Path || v instanceof java.io.File || v instanceof Enum<?>) {
            return f.textNode(v.toString());
        }
        boolean container = v instanceof Map<?, ?> || v instanceof Iterable<?> || v.getClass().isArray();
        if (container) {
            if (depth >= ConfigJson.MAX_NESTING) {
                throw new ConfigurationException(path, "nested more than " + ConfigJson.MAX_NESTING + " levels deep");
            }
            if (!enclosing.add(v)) {
                throw new ConfigurationException(path, "contains itself (a map or list that is its own element)");
            }
            try {
                return v instanceof Map<?, ?> map ? object(map, path, depth, enclosing) : array(v, path, depth, enclosing);
            } finally {
                enclosing.remove(v);
            }
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return f.numberNode(((Number) v).longValue());
        }
        if (v instanceof java.math.BigInteger big) {
            return f.numberNode(big);
        }
        if (v instanceof java.math.BigDecimal dec) {
            return f.numberNode(dec);
        }
        if (v instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        throw new ConfigurationException(path, "unsupported value of type " + v.getClass().getName()
                + " (use maps, lists, strings, paths, numbers or booleans)");
    }

    private static ObjectNode object(Map<?, ?> map, String path, int depth, Set<Object> enclosing) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ConfigurationException(path, "keys must be strings, got " + shorten(String.valueOf(e.getKey())));
            }
            o.set(key, tree(e.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1, enclosing));
        }
        return o;
    }

    private static ArrayNode array(Object v, String path, int depth, Set<Object> enclosing) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        List<Object> items = new ArrayList<>();
        if (v instanceof Iterable<?> it) {
            it.forEach(items::add);
        } else {
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                items.add(java.lang.reflect.Array.get(v, i));
            }
        }
        for (int i = 0; i < items.size(); i++) {
            a.add(tree(items.get(i), path + "[" + i + "]", depth + 1, enclosing));
        }
        return a;
    }

    /**
     * The plain Java value of {@code n}: integers as Integer or Long, other numbers as Double.
     *
     * @throws ConfigurationException naming {@code path} (or the element's path below it) when an integer does not fit
     *                                a long or a decimal number does not fit a double, rather than passing on a
     *                                wrapped-around or infinite value
     */
    static Object plain(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(),
                    plain(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
            return Collections.unmodifiableMap(m);
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                l.add(plain(n.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(l);
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new ConfigurationException(path, shorten(n.asText()) + " is out of range: integers must lie between "
                        + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
            }
            return n.canConvertToInt() ? (Object) n.asInt() : (Object) n.asLong();
        }
        if (n.isNumber()) {
            return checkedDouble(n, path);
        }
        return n.asText();
    }

    /** The number as a double, refusing a decimal that overflows to infinity or underflows to zero. */
    private static double checkedDouble(JsonNode n, String path) {
        double d = n.asDouble();
        if (n.isBigDecimal()) {
            java.math.BigDecimal exact = n.decimalValue();
            if (Double.isInfinite(d)) {
                throw new ConfigurationException(path, shorten(exact.toString()) + " is out of the range of a double");
            }
            if (d == 0 && exact.signum() != 0) {
                throw new ConfigurationException(path, shorten(exact.toString()) + " is too small for a double (it would be 0)");
            }
        }
        return d;
    }

    /** The text, cut to 60 characters, for messages. */
    static String shorten(String text) {
        return shorten(text, 60);
    }

    /** The text, cut to {@code max} characters, for messages. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }

    /** A path for messages: whole unless it is longer than any real one (300 characters). */
    static String shorten(Path path) {
        return shorten(path.toString(), 300);
    }

    private String describe() {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return shorten(node.toString());
    }
}
