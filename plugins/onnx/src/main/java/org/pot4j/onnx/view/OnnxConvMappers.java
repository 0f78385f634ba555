package org.pot4j.onnx.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;

/**
 * {@code Conv} to Convolution ({@code group} 1) or GroupConvolution ({@code group} &gt; 1). GroupConvolution weights
 * stay ONNX-shaped {@code [Cout, Cin/group, kh, kw]} with a {@code group} attribute (IR's are
 * {@code [group, Cout/group, Cin/group, kh, kw]}). A bias becomes an Add named {@code <conv>/bias} reading the bias
 * constant presented as {@code [1, Cout, 1, 1]}, as IR models have it.
 */
final class OnnxConvMappers {
    private OnnxConvMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Conv", OnnxConvMappers::conv);
    }

    /** ONNX {@code auto_pad} in OpenVINO spelling. */
    static String autoPad(OnnxNodeContext c) {
        String v = c.attr().string("auto_pad", "NOTSET");
        switch (v) {
            case "NOTSET": case "": return "explicit";
            case "SAME_UPPER": case "SAME_LOWER": case "VALID": return v.toLowerCase(Locale.ROOT);
            default: throw c.fail("unknown auto_pad '" + v + "'");
        }
    }

    /** Spatial attributes shared by convolution and pooling, in OpenVINO spelling, for {@code n} spatial axes. */
    static Map<String, Object> spatialAttributes(OnnxNodeContext c, int n, boolean dilations) {
        Map<String, Object> a = new LinkedHashMap<>();
        long[] strides = c.attr().longs("strides").orElse(OnnxShapes.filled(n, 1));
        long[] pads = c.attr().longs("pads").orElse(OnnxShapes.filled(2 * n, 0));
        if (strides.length != n || pads.length != 2 * n) {
            throw c.fail("strides " + java.util.Arrays.toString(strides) + " / pads " + java.util.Arrays.toString(pads)
                    + " do not fit " + n + " spatial axes");
        }
        atLeast(c, "strides", strides, 1);
        atLeast(c, "pads", pads, 0);
        a.put("strides", strides);
        a.put("pads_begin", java.util.Arrays.copyOfRange(pads, 0, n));
        a.put("pads_end", java.util.Arrays.copyOfRange(pads, n, 2 * n));
        if (dilations) {
            long[] d = c.attr().longs("dilations").orElse(OnnxShapes.filled(n, 1));
            if (d.length != n) {
                throw c.fail("dilations " + java.util.Arrays.toString(d) + " do not fit " + n + " spatial axes");
            }
            atLeast(c, "dilations", d, 1);
            a.put("dilations", d);
        }
        a.put("auto_pad", autoPad(c));
        return a;
    }

    /** Fails naming {@code attribute} when one of its {@code values} is below {@code min}. */
    static void atLeast(OnnxNodeContext c, String attribute, long[] values, long min) {
        for (long v : values) {
            if (v < min) {
                throw c.fail(attribute + " " + java.util.Arrays.toString(values) + ": every value must be "
                        + (min == 1 ? "positive" : min == 0 ? "non-negative" : "at least " + min) + ", got " + v);
            }
        }
    }

    /**
     * The {@code kernel_shape} of a convolution: the attribute, which must then equal the weights' spatial sizes
     * (ONNX Runtime refuses a mismatch; the output shape would be computed from the wrong window), or the weights'.
     */
    static long[] convKernel(OnnxNodeContext c, Shape w) {
        java.util.Optional<long[]> given = c.attr().longs("kernel_shape");
        if (given.isEmpty()) {
            if (w == null) {
                throw c.fail("kernel_shape is missing and the weights' shape is unknown");
            }
            if (w.rank() < 3) {
                throw c.fail("weights of shape " + w + " have no spatial axes");
            }
            return java.util.Arrays.copyOfRange(w.dims(), 2, w.rank());
        }
        long[] kernel = given.get();
        atLeast(c, "kernel_shape", kernel, 1);
        if (w != null && !fits(kernel, w)) {
            throw c.fail("kernel_shape " + java.util.Arrays.toString(kernel) + " does not match the weights' shape " + w);
        }
        return kernel;
    }

    /** Fails unless {@code x} (when known) is {@code [N, C, ...]} with {@code n} spatial axes. */
    static void requireSpatial(OnnxNodeContext c, Shape x, int n) {
        if (x != null && x.rank() != n + 2) {
            throw c.fail("input of shape " + x + " does not have " + n + " spatial axes");
        }
    }

    private static boolean fits(long[] kernel, Shape w) {
        if (w.rank() != kernel.length + 2) {
            return false;
        }
        for (int i = 0; i < kernel.length; i++) {
            if (w.dim(i + 2) != Shape.DYNAMIC && w.dim(i + 2) != kernel[i]) {
                return false;
            }
        }
        return true;
    }

    /** The output shape of a windowed op over input shape {@code x}: {@code [N, channels, spatial...]}. */
    static Shape windowedShape(Shape x, long channels, long[] kernel, Map<String, Object> a, boolean ceil) {
        if (x == null) {
            return null;
        }
        int n = kernel.length;
        if (x.rank() != n + 2) {
            throw new IllegalArgumentException("input of shape " + x + " does not have " + n + " spatial axes");
        }
        long[] strides = (long[]) a.get("strides");
        long[] pb = (long[]) a.get("pads_begin");
        long[] pe = (long[]) a.get("pads_end");
        long[] d = (long[]) a.getOrDefault("dilations", OnnxShapes.filled(n, 1));
        long[] out = new long[n + 2];
        out[0] = x.dim(0);
        out[1] = channels;
        for (int i = 0; i < n; i++) {
            out[i + 2] = OnnxShapes.spatial(x.dim(i + 2), kernel[i], strides[i], d[i], pb[i], pe[i],
                    (String) a.get("auto_pad"), ceil);
        }
        return Shape.of(out);
    }

    static void conv(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape w = c.shape(1);
        long group = c.attr().longValue("group", 1);
        if (group < 1) {
            throw c.fail("group " + group + " must be at least 1");
        }
        long[] kernel = convKernel(c, w);
        int n = kernel.length;
        requireSpatial(c, x, n);
        if (w != null && w.dim(0) != Shape.DYNAMIC && w.dim(0) % group != 0) {
            throw c.fail("weights " + w + ": " + w.dim(0) + " output channels are not divisible by group " + group);
        }
        Map<String, Object> a = spatialAttributes(c, n, true);
        if (group > 1) {
            a.put("group", group);
        }
        long cout = w == null ? Shape.DYNAMIC : w.dim(0);
        if (x != null && w != null && x.dim(1) != Shape.DYNAMIC && x.dim(1) != w.dim(1) * group) {
            throw c.fail("input of shape " + x + " has " + x.dim(1) + " channels, weights " + w + " with group "
                    + group + " expect " + w.dim(1) * group);
        }
        Shape out = windowedShape(x, cout, kernel, a, false);
        String kind = group > 1 ? OpKinds.GROUP_CONVOLUTION : OpKinds.CONVOLUTION;
        Attributes attrs = Attributes.of(a);
        if (!c.has(2)) {
            c.emit(kind, attrs, List.of(c.in(0), c.in(1)), out, c.type(0));
            return;
        }
        PortRef conv = c.add(c.name(), kind, attrs, List.of(c.in(0), c.in(1)), java.util.Collections.singletonList(out),
                List.of(c.type(0))).get(0);
        PortRef bias = c.channelBias(2, n + 2);
        c.emitAs(c.name() + "/bias", OpKinds.ADD, OnnxNodeContext.numpy(), List.of(conv, bias), out, c.type(0));
    }
}
