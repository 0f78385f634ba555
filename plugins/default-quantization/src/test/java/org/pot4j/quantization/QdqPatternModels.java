package org.pot4j.quantization;

import static org.pot4j.onnx.OnnxTestModels.floatAttr;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.pot4j.onnx.OnnxTestModels;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;

/**
 * Small ONNX models, one per pattern that decides whether ONNX Runtime runs a quantized op as an integer kernel
 * (ORT_QDQ_FUSION.md §4): Conv + Relu, Conv + Clip, Conv + HardSigmoid, Conv + Mul + Add, depthwise, residual Add,
 * Concat, a residual Add whose shortcut is padded with zero channels by a Concat (BlazeFace), Gemm and MatMul. Weights are random with a fixed seed; every model reads {@code x} of {@link #INPUT} (the
 * MatMul model {@link #SEQUENCE_INPUT}) and writes {@code y}.
 */
final class QdqPatternModels {
    static final long[] INPUT = {1, 8, 12, 12};
    static final long[] SEQUENCE_INPUT = {1, 6, 16};

    private final Random random = new Random(42);
    private OnnxTestModels m;

    private QdqPatternModels() {
    }

    /** Every pattern by name. */
    static Map<String, ModelProto> all() {
        Map<String, ModelProto> models = new LinkedHashMap<>();
        models.put("conv_relu", new QdqPatternModels().convAct("Relu"));
        models.put("conv_clip", new QdqPatternModels().convAct("Clip"));
        models.put("conv_hardsigmoid", new QdqPatternModels().convAct("HardSigmoid"));
        models.put("conv_mul_add", new QdqPatternModels().convMulAdd());
        models.put("depthwise", new QdqPatternModels().depthwise());
        models.put("residual_add", new QdqPatternModels().residual());
        models.put("concat", new QdqPatternModels().concat());
        models.put("channel_padding", new QdqPatternModels().channelPadding());
        models.put("gemm", new QdqPatternModels().gemm());
        models.put("matmul", new QdqPatternModels().matmul());
        return models;
    }

    private OnnxTestModels start() {
        m = OnnxTestModels.opset(13).input("x", INPUT).output("y");
        return m;
    }

    private String weights(String name, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] v = new float[n];
        double fanIn = n / (double) dims[0];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() / Math.sqrt(fanIn));
        }
        m.initializer(name, v, dims);
        return name;
    }

    private String conv(String name, String x, long cin, long cout, long kernel, long group, String y) {
        m.node("Conv", name, in(x, weights(name + ".w", cout, cin / group, kernel, kernel), weights(name + ".b", cout)),
                out(y), ints("kernel_shape", kernel, kernel), ints("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2),
                intAttr("group", group));
        return y;
    }

    private ModelProto convAct(String act) {
        start();
        conv("conv1", "x", 8, 16, 3, 1, "c1");
        switch (act) {
            case "Relu" -> m.node("Relu", "act", in("c1"), out("a1"));
            case "Clip" -> m.initializer("lo", new float[] {0}).initializer("hi", new float[] {6})
                    .node("Clip", "act", in("c1", "lo", "hi"), out("a1"));
            default -> m.node("HardSigmoid", "act", in("c1"), out("a1"), floatAttr("alpha", 0.2f),
                    floatAttr("beta", 0.5f)).valueInfo("a1", 1, 16, 12, 12);
        }
        conv("conv2", "a1", 16, 8, 1, 1, "y");
        return m.build();
    }

    private ModelProto convMulAdd() {
        start();
        conv("conv1", "x", 8, 16, 3, 1, "c1");
        m.initializer("scale", positive(16), 1, 16, 1, 1).initializer("shift", positive(16), 1, 16, 1, 1)
                .node("Mul", "mul", in("c1", "scale"), out("s1")).node("Add", "add", in("s1", "shift"), out("t1"))
                .node("Relu", "relu", in("t1"), out("a1"));
        conv("conv2", "a1", 16, 8, 1, 1, "y");
        return m.build();
    }

    private float[] positive(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + random.nextFloat();
        }
        return v;
    }

    private ModelProto depthwise() {
        start();
        conv("expand", "x", 8, 16, 1, 1, "e");
        m.node("Relu", "relu1", in("e"), out("e1"));
        conv("dw", "e1", 16, 16, 3, 16, "d");
        m.node("Relu", "relu2", in("d"), out("d1"));
        conv("project", "d1", 16, 8, 1, 1, "y");
        return m.build();
    }

    private ModelProto residual() {
        start();
        conv("conv1", "x", 8, 16, 3, 1, "c1");
        m.node("Relu", "relu1", in("c1"), out("t"));
        conv("conv2", "t", 16, 16, 3, 1, "c2");
        m.node("Relu", "relu2", in("c2"), out("u"));
        m.node("Add", "add", in("t", "u"), out("s"));
        conv("conv3", "s", 16, 8, 1, 1, "y");
        return m.build();
    }

    private ModelProto concat() {
        start();
        conv("left", "x", 8, 8, 3, 1, "l");
        m.node("Relu", "relu_l", in("l"), out("l1"));
        conv("right", "x", 8, 8, 1, 1, "r");
        m.node("Relu", "relu_r", in("r"), out("r1"));
        m.node("Concat", "concat", in("l1", "r1"), out("c"), intAttr("axis", 1));
        conv("fuse", "c", 16, 8, 1, 1, "y");
        return m.build();
    }

    private ModelProto channelPadding() {
        start();
        conv("conv1", "x", 8, 8, 3, 1, "c1");
        m.node("Relu", "relu1", in("c1"), out("t"));
        conv("conv2", "t", 8, 16, 3, 1, "c2");
        m.initializer("zeros", new float[8 * 12 * 12], 1, 8, 12, 12)
                .node("Concat", "pad_channels", in("t", "zeros"), out("padded"), intAttr("axis", 1))
                .node("Add", "add", in("c2", "padded"), out("s"))
                .node("Relu", "relu2", in("s"), out("a"));
        conv("conv3", "a", 16, 8, 1, 1, "y");
        return m.build();
    }

    /** conv1 -> Relu -> MaxPool -> conv2: a convolution reading another through a value-moving op (not in {@link #all()}). */
    static ModelProto convPoolConv() {
        QdqPatternModels p = new QdqPatternModels();
        p.start();
        p.conv("conv1", "x", 8, 16, 3, 1, "c1");
        p.m.node("Relu", "relu", in("c1"), out("a1"))
                .node("MaxPool", "pool", in("a1"), out("p"), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        p.conv("conv2", "p", 16, 8, 1, 1, "y");
        return p.m.build();
    }

    private ModelProto gemm() {
        start();
        conv("conv1", "x", 8, 16, 3, 1, "c1");
        m.node("Relu", "relu", in("c1"), out("a1"));
        m.node("GlobalAveragePool", "pool", in("a1"), out("p"));
        m.node("Flatten", "flatten", in("p"), out("f"), intAttr("axis", 1));
        m.node("Gemm", "fc", in("f", weights("fc.w", 10, 16), weights("fc.b", 10)), out("y"), intAttr("transB", 1));
        return m.build();
    }

    private ModelProto matmul() {
        m = OnnxTestModels.opset(13).input("x", SEQUENCE_INPUT).output("y");
        m.node("MatMul", "mm1", in("x", weights("mm1.w", 16, 24)), out("h"));
        m.node("Add", "bias1", in("h", weights("mm1.b", 24)), out("hb"));
        m.node("Relu", "relu", in("hb"), out("a"));
        m.node("MatMul", "mm2", in("a", weights("mm2.w", 24, 12)), out("y"));
        return m.build();
    }
}
