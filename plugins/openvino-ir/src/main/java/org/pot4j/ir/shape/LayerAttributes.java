package org.pot4j.ir.shape;

import java.util.Locale;
import java.util.Optional;
import org.pot4j.ir.document.IrLayer;

/** Typed reads of a layer's {@code <data>} attributes; a malformed value is a {@link ShapeInferenceException}. */
final class LayerAttributes {
    private final IrLayer layer;

    LayerAttributes(IrLayer layer) {
        this.layer = layer;
    }

    /** The raw value, if present. */
    Optional<String> raw(String name) {
        return layer.data(name);
    }

    /** A lower-case string attribute, or {@code fallback}. */
    String string(String name, String fallback) {
        return layer.data(name).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(fallback);
    }

    /** A {@code true}/{@code false} attribute, or {@code fallback}. */
    boolean bool(String name, boolean fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        switch (v) {
            case "true": case "1": return true;
            case "false": case "0": return false;
            default: throw new ShapeInferenceException("attribute " + name + "='" + layer.data(name).get()
                    + "' is not true or false");
        }
    }

    /** An integer attribute, or {@code fallback}. */
    long integer(String name, long fallback) {
        Optional<String> v = layer.data(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return parseInteger(v.get().trim()).orElseThrow(() -> new ShapeInferenceException(
                "attribute " + name + "='" + v.get() + "' is not an integer"));
    }

    /** An integer, also written as a whole decimal ({@code 1.0}: MO writes some MaxPool dilations so). */
    private static Optional<Long> parseInteger(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            if (!s.matches("-?[0-9]{1,18}\\.0*")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(s.substring(0, s.indexOf('.'))));
        }
    }

    /** An integer attribute that must be present. */
    long requiredInteger(String name) {
        if (layer.data(name).isEmpty()) {
            throw new ShapeInferenceException("attribute " + name + " is missing");
        }
        return integer(name, 0);
    }

    /**
     * A comma-separated list of {@code count} integers, each at least {@code min}; {@code fallback} fills it when
     * the attribute is absent.
     */
    long[] integers(String name, int count, long fallback, long min) {
        Optional<String> v = layer.data(name);
        long[] out = new long[count];
        if (v.isEmpty() || v.get().isBlank() && count == 0) {
            java.util.Arrays.fill(out, fallback);
            return out;
        }
        String[] parts = v.get().split(",", -1);
        if (parts.length != count) {
            throw new ShapeInferenceException("attribute " + name + "='" + v.get() + "' has " + parts.length
                    + " values, expected " + count);
        }
        for (int i = 0; i < count; i++) {
            out[i] = parseInteger(parts[i].trim()).orElseThrow(() -> new ShapeInferenceException(
                    "attribute " + name + "='" + v.get() + "' is not a list of integers"));
            if (out[i] < min) {
                throw new ShapeInferenceException("attribute " + name + "='" + v.get() + "' has a value below " + min);
            }
        }
        return out;
    }
}
