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
            throw error("'" + s + "' is not one of " + String.join(", ", allowed));
        }
        return s;
    }

    int integer() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("must be an integer, got " + describe());
        }
        return node.asInt();
    }

    long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("must be an integer, got " + describe());
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
        return node.asDouble();
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
        try {
            return base.resolve(s).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw error("invalid path '" + s + "': " + e.getReason());
        }
    }

    /** A path that must name an existing regular file. */
    Path existingFile(Path base) {
        Path p = pathValue(base);
        if (!Files.isRegularFile(p)) {
            throw error("file not found: " + p);
        }
        return p;
    }

    /** The value as plain Java values: maps, lists, strings, integers, longs, doubles, booleans, null. */
    Object plain() {
        return plain(node);
    }

    /**
     * A node over plain Java values, as the facade's configuration maps hold them: maps with String keys, lists and
     * arrays, strings, {@link Path}s and {@link java.io.File}s (as their text), any {@link Number}, booleans, nulls.
     *
     * @throws ConfigurationException naming the key path of a value of another type
     */
    static ConfigNode ofPlain(Object value, String path) {
        return new ConfigNode(tree(value, path), path);
    }

    private static JsonNode tree(Object v, String path) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        // before Iterable: a Path is an Iterable of its name elements
        if (v instanceof CharSequence || v instanceof Path || v instanceof java.io.File || v instanceof Enum<?>) {
            return f.textNode(v.toString());
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new ConfigurationException(path, "keys must be strings, got " + e.getKey());
                }
                o.set(key, tree(e.getValue(), path.isEmpty() ? key : path + "." + key));
            }
            return o;
        }
        if (v instanceof Iterable<?> || v instanceof Object[] || v.getClass().isArray()) {
            ArrayNode a = f.arrayNode();
            List<Object> items = new ArrayList<>();
            if (v instanceof Iterable<?> it) {
                it.forEach(items::add);
            } else {
                for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                    items.add(java.lang.reflect.Array.get(v, i));
                }
            }
            for (int i = 0; i < items.size(); i++) {
                a.add(tree(items.get(i), path + "[" + i + "]"));
            }
            return a;
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

    static Object plain(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
            return Collections.unmodifiableMap(m);
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(plain(e)));
            return Collections.unmodifiableList(l);
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.asInt() : (Object) n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return n.asText();
    }

    private String describe() {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}
