package org.pot4j.engine.reference.ops;

import java.util.Locale;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Node;

/** Reads a node's attributes with the defaults of the OpenVINO specs, failing with the attribute's name. */
final class NodeAttributes {
    private final Attributes a;

    NodeAttributes(Node node) {
        this.a = node.attributes();
    }

    /** An integer list; whole numbers written as floats ({@code "1.0"}, as some IRs do) are accepted. */
    long[] longs(String name, long[] fallback) {
        if (!a.has(name)) {
            return fallback;
        }
        try {
            return a.longs(name).orElse(fallback);
        } catch (IllegalArgumentException e) {
            double[] d = a.doubles(name).orElseThrow();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                if (d[i] != Math.rint(d[i])) {
                    throw new IllegalArgumentException("attribute '" + name + "' is not a list of integers: '"
                            + a.string(name, "") + "'", e);
                }
                out[i] = (long) d[i];
            }
            return out;
        }
    }

    long[] requireLongs(String name) {
        if (!a.has(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' is missing");
        }
        return longs(name, null);
    }

    float[] floats(String name, float[] fallback) {
        return a.doubles(name).map(NodeAttributes::toFloats).orElse(fallback);
    }

    long longValue(String name, long fallback) {
        return a.longValue(name, fallback);
    }

    double doubleValue(String name, double fallback) {
        return a.doubleValue(name, fallback);
    }

    boolean bool(String name, boolean fallback) {
        return a.booleanValue(name, fallback);
    }

    /** A string, lower-cased and trimmed. */
    String string(String name, String fallback) {
        return a.string(name).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(fallback);
    }

    boolean has(String name) {
        return a.has(name) && !a.string(name, "").isBlank();
    }

    /** An IR mask such as {@code "1,0,1"} (empty string = no bits set). */
    long[] mask(String name) {
        return a.longs(name).orElse(new long[0]);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
