package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * {@code ConvTranspose} (opset 1 and 11) to ConvolutionBackpropData ({@code group} 1) or
 * GroupConvolutionBackpropData ({@code group} &gt; 1). The weights stay ONNX-shaped {@code [C_in, C_out/group, k...]}
 * (for group 1 that is already OpenVINO's {@code [C_in, C_out, k...]}); grouped ones carry a {@code group} attribute
 * instead of IR's {@code [group, C_in/group, C_out/group, k...]}, as Conv's GroupConvolution does.
 *
 * <p>An {@code output_shape} attribute becomes the op's third input (the spatial sizes). ONNX then ignores
 * {@code pads} and splits {@code total = stride*(in-1) + output_padding + dilation*(k-1) + 1 - out} itself: the larger
 * half at the end for SAME_UPPER, at the beginning otherwise, which is OpenVINO's {@code same_upper} /
 * {@code same_lower} with an output shape. A negative total (the requested output is larger) leaves zeros at the end,
 * as both do. A bias becomes an Add {@code <node>/bias} reading the bias shown as {@code [1, C_out, 1...]}.
 */
final class OnnxConvTransposeMapper {
    private OnnxConvTransposeMapper() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("ConvTranspose", OnnxConvTransposeMapper::map);
    }

    static void map(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape w = c.shape(1);
        long group = c.attr().longValue("group", 1);
        if (group < 1) {
            throw c.fail("group " + group + " must be at least 1");
        }
        long[] kernel = OnnxConvMappers.convKernel(c, w);
        int n = kernel.length;
        OnnxConvMappers.requireSpatial(c, x, n);
        Map<String, Object> a = OnnxConvMappers.spatialAttributes(c, n, true);
        long[] outputPadding = c.attr().longs("output_padding").orElse(OnnxShapes.filled(n, 0));
        if (outputPadding.length != n) {
            throw c.fail("output_padding " + Arrays.toString(outputPadding) + " does not fit " + n + " spatial axes");
        }
        OnnxConvMappers.atLeast(c, "output_padding", outputPadding, 0);
        a.put("output_padding", outputPadding);
        if (group > 1) {
            a.put("group", group);
        }
        if (x != null && w != null && x.dim(1) != Shape.DYNAMIC && w.dim(0) != Shape.DYNAMIC && x.dim(1) != w.dim(0)) {
            throw c.fail("input of shape " + x + " has " + x.dim(1) + " channels, weights " + w + " expect " + w.dim(0));
        }
        if (w != null && w.dim(0) != Shape.DYNAMIC && w.dim(0) % group != 0) {
            throw c.fail("weights " + w + ": " + w.dim(0) + " input channels are not divisible by group " + group);
        }
        long cout = w == null || w.dim(1) == Shape.DYNAMIC ? Shape.DYNAMIC : w.dim(1) * group;
        List<PortRef> inputs = new ArrayList<>(List.of(c.in(0), c.in(1)));
        long[] requested = c.attr().longs("output_shape").orElse(null);
        if (requested != null) {
            if (requested.length < n) {
                throw c.fail("output_shape " + Arrays.toString(requested) + " does not fit " + n + " spatial axes");
            }
            // older exporters write the whole [N, C, spatial...] shape; only the spatial sizes matter
            long[] spatial = Arrays.copyOfRange(requested, requested.length - n, requested.length);
            inputs.add(c.addConstant("output_shape", Tensor.ofLongs(Shape.of(n), spatial)));
            a.put("auto_pad", "same_upper".equals(a.get("auto_pad")) ? "same_upper" : "same_lower");
            a.put("pads_begin", OnnxShapes.filled(n, 0));
            a.put("pads_end", OnnxShapes.filled(n, 0));
            requested = spatial;
        }
        Shape out = outputShape(x, cout, kernel, a, requested);
        String kind = group > 1 ? OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA : OpKinds.CONVOLUTION_BACKPROP_DATA;
        Attributes attrs = Attributes.of(new LinkedHashMap<>(a));
        if (!c.has(2)) {
            c.emit(kind, attrs, inputs, out, c.type(0));
            return;
        }
        PortRef conv = c.add(c.name(), kind, attrs, inputs, java.util.Collections.singletonList(out),
                List.of(c.type(0))).get(0);
        PortRef bias = c.channelBias(2, n + 2);
        c.emitAs(c.name() + "/bias", OpKinds.ADD, OnnxNodeContext.numpy(), List.of(conv, bias), out, c.type(0));
    }

    /** ONNX's output size per spatial axis; null when the input's rank is unknown. */
    private static Shape outputShape(Shape x, long cout, long[] kernel, Map<String, Object> a, long[] requested) {
        if (x == null) {
            return null;
        }
        int n = kernel.length;
        if (x.rank() != n + 2) {
            throw new IllegalArgumentException("input of shape " + x + " does not have " + n + " spatial axes");
        }
        long[] strides = (long[]) a.get("strides");
        long[] d = (long[]) a.get("dilations");
        long[] pb = (long[]) a.get("pads_begin");
        long[] pe = (long[]) a.get("pads_end");
        long[] op = (long[]) a.get("output_padding");
        String autoPad = (String) a.get("auto_pad");
        long[] out = new long[n + 2];
        out[0] = x.dim(0);
        out[1] = cout;
        for (int i = 0; i < n; i++) {
            long in = x.dim(i + 2);
            if (requested != null) {
                out[i + 2] = requested[i];
            } else if (in == Shape.DYNAMIC) {
                out[i + 2] = Shape.DYNAMIC;
            } else if (autoPad.startsWith("same")) {
                out[i + 2] = in * strides[i];
            } else {
                long full = strides[i] * (in - 1) + d[i] * (kernel[i] - 1) + 1 + op[i];
                out[i + 2] = autoPad.equals("valid") ? full : full - pb[i] - pe[i];
            }
            if (out[i + 2] != Shape.DYNAMIC && out[i + 2] < 1) {
                throw new IllegalArgumentException("output size " + out[i + 2] + " on spatial axis " + i
                        + " of input " + x);
            }
        }
        return Shape.of(out);
    }
}
