package org.pot4j.ir;

import static org.pot4j.ir.IrBuilder.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.ir.IrBuilder.Out;

/**
 * One small IR using every op whose output shape the reader infers, with the shapes OpenVINO gives them; a named
 * layer can be built with a wrong declared output (its last dim plus one) to test that the reader refuses it.
 */
final class IrZoo {
    private final String wrongLayer;
    private final Map<String, long[]> expected = new LinkedHashMap<>();

    private IrZoo(String wrongLayer) {
        this.wrongLayer = wrongLayer;
    }

    /** The correct zoo. */
    static IrBuilder build(IrBuilder.Weights weights) {
        return build(weights, null);
    }

    /** The zoo with the output of {@code wrongLayer} declared one larger in its last dim. */
    static IrBuilder build(IrBuilder.Weights weights, String wrongLayer) {
        return new IrZoo(wrongLayer).create(weights);
    }

    /** The layers with a checked output, each with its correct output shape, in file order. */
    static Map<String, long[]> expectedShapes() {
        IrZoo z = new IrZoo(null);
        z.create(new IrBuilder.Weights());
        return z.expected;
    }

    private long[] out(String layer, long... correct) {
        expected.put(layer, correct);
        if (!layer.equals(wrongLayer)) {
            return correct;
        }
        long[] wrong = correct.clone();
        wrong[wrong.length - 1]++;
        return wrong;
    }

    private IrBuilder create(IrBuilder.Weights weights) {
        IrBuilder b = new IrBuilder("zoo", weights);
        Out in = b.parameter("data", 1, 2, 4, 4);
        Out conv = b.op("Convolution", "conv", data("strides", "1,1", "dilations", "1,1", "pads_begin", "0,0",
                "pads_end", "0,0", "auto_pad", "explicit"), List.of(in, b.f32("conv_w", 3, 2, 1, 1)), out("conv", 1, 3, 4, 4));
        Out dw = b.op("GroupConvolution", "dw", data("strides", "1,1", "dilations", "1,1", "pads_begin", "1,1",
                "pads_end", "1,1", "auto_pad", "explicit"), List.of(conv, b.f32("dw_w", 3, 1, 1, 3, 3)), out("dw", 1, 3, 4, 4));
        Out add = b.op("Add", "add", data("auto_broadcast", "numpy"), List.of(conv, dw), out("add", 1, 3, 4, 4));
        Out scaled = b.op("Multiply", "scale", data("auto_broadcast", "numpy"), List.of(add, b.f32("scale_k", 1, 3, 1, 1)),
                out("scale", 1, 3, 4, 4));
        Out relu = b.op("ReLU", "relu", Map.of(), List.of(scaled), out("relu", 1, 3, 4, 4));
        Out max = b.op("MaxPool", "opset8", "max", data("strides", "2,2", "dilations", "1,1", "pads_begin", "0,0",
                "pads_end", "0,0", "kernel", "2,2", "rounding_type", "floor", "auto_pad", "explicit",
                "index_element_type", "i64", "axis", "0"), List.of(relu), List.of(out("max", 1, 3, 2, 2), dims(1, 3, 2, 2)))
                .get(0);
        Out avg = b.op("AvgPool", "avg", data("strides", "2,2", "pads_begin", "0,0", "pads_end", "0,0", "kernel", "3,3",
                "rounding_type", "ceil", "auto_pad", "explicit", "exclude-pad", "true"), List.of(relu), out("avg", 1, 3, 2, 2));
        Out cat = b.op("Concat", "cat", data("axis", "1"), List.of(max, avg), out("cat", 1, 6, 2, 2));
        Out fq = b.op("FakeQuantize", "fq", data("levels", "256", "auto_broadcast", "numpy"), List.of(cat,
                b.f32("fq_il"), b.f32("fq_ih", 1, 6, 1, 1), b.f32("fq_ol"), b.f32("fq_oh", 1, 6, 1, 1)), out("fq", 1, 6, 2, 2));
        Out flat = b.op("Reshape", "flat", data("special_zero", "true"), List.of(fq, b.i64("flat_shape", 0, -1)),
                out("flat", 1, 24));
        Out fc = b.op("MatMul", "fc", data("transpose_a", "false", "transpose_b", "true"), List.of(flat,
                b.f32("fc_w", 5, 24)), out("fc", 1, 5));
        Out prob = b.op("SoftMax", "prob", data("axis", "1"), List.of(fc), out("prob", 1, 5));
        b.result("prob/sink", prob);
        Out nhwc = b.op("Transpose", "nhwc", Map.of(), List.of(relu, b.i64("nhwc_order", 0, 2, 3, 1)), out("nhwc", 1, 4, 4, 3));
        Out wide = b.op("Unsqueeze", "wide", Map.of(), List.of(nhwc, b.i64("wide_axes", 0)), out("wide", 1, 1, 4, 4, 3));
        Out narrow = b.op("Squeeze", "narrow", Map.of(), List.of(wide, b.i64("narrow_axes", 1)), out("narrow", 1, 4, 4, 3));
        b.result("narrow/sink", narrow);
        return b;
    }

    private static long[] dims(long... d) {
        return d;
    }
}
