package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * {@code MaxPool}/{@code AveragePool} to MaxPool/AvgPool ({@code kernel}, {@code strides}, {@code pads_begin/end},
 * {@code rounding_type} from {@code ceil_mode}, {@code exclude-pad} from {@code count_include_pad}); global pools to
 * ReduceMean/ReduceMax over the spatial axes with {@code keep_dims}.
 */
final class OnnxPoolMappers {
    private OnnxPoolMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("MaxPool", c -> pool(c, true));
        m.put("AveragePool", c -> pool(c, false));
        m.put("GlobalAveragePool", c -> global(c, OpKinds.REDUCE_MEAN));
        m.put("GlobalMaxPool", c -> global(c, OpKinds.REDUCE_MAX));
    }

    static void pool(OnnxNodeContext c, boolean max) {
        long[] kernel = c.attr().longs("kernel_shape").orElseThrow(() -> c.fail("kernel_shape is missing"));
        OnnxConvMappers.atLeast(c, "kernel_shape", kernel, 1);
        int n = kernel.length;
        Map<String, Object> a = OnnxConvMappers.spatialAttributes(c, n, max);
        boolean ceil = c.attr().longValue("ceil_mode", 0) != 0;
        a.put("kernel", kernel);
        a.put("rounding_type", ceil ? "ceil" : "floor");
        if (!max) {
            a.put("exclude-pad", c.attr().longValue("count_include_pad", 0) == 0);
        }
        Shape x = c.shape(0);
        OnnxConvMappers.requireSpatial(c, x, n);
        Shape out = OnnxConvMappers.windowedShape(x, x == null ? 0 : x.dim(1), kernel, a, ceil);
        if (max && c.outputUsed(1)) {
            if (c.attr().longValue("storage_order", 0) == 1) {
                // column-major indices: not in OpenVINO's MaxPool-8, read by the reference engine
                a.put("storage_order", 1L);
            }
            c.emitAll(OpKinds.MAX_POOL, Attributes.of(a), List.of(c.in(0)), java.util.Arrays.asList(out, out),
                    List.of(c.type(0), ElementType.I64));
        } else {
            c.emit(max ? OpKinds.MAX_POOL : OpKinds.AVG_POOL, Attributes.of(a), List.of(c.in(0)), out, c.type(0));
        }
    }

    static void global(OnnxNodeContext c, String kind) {
        Shape x = c.shape(0);
        if (x == null) {
            throw c.fail("the input's rank is unknown");
        }
        List<Long> axes = new ArrayList<>();
        long[] out = x.dims();
        for (int i = 2; i < x.rank(); i++) {
            axes.add((long) i);
            out[i] = 1;
        }
        Tensor axesValue = Tensor.ofLongs(Shape.of(axes.size()), axes.stream().mapToLong(Long::longValue).toArray());
        c.emit(kind, Attributes.of(Map.of("keep_dims", true)), List.of(c.in(0), c.addConstant("axes", axesValue)),
                Shape.of(out), c.type(0));
    }

    static List<Shape> one(Shape s) {
        return Collections.singletonList(s);
    }
}
