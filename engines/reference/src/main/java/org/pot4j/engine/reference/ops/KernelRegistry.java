package org.pot4j.engine.reference.ops;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.engine.reference.loops.FloatLoops;

/** The kernel factory of every op kind the engine runs; a kind missing here fails at compile time. */
public final class KernelRegistry {
    private final Map<String, KernelFactory> factories;

    private KernelRegistry(Map<String, KernelFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** The factory for {@code kind}, if the engine supports it. */
    public Optional<KernelFactory> factory(String kind) {
        return Optional.ofNullable(factories.get(kind));
    }

    /** A copy with {@code factory} for {@code kind} in place of (or beside) this registry's. */
    public KernelRegistry with(String kind, KernelFactory factory) {
        Map<String, KernelFactory> m = new TreeMap<>(factories);
        m.put(kind, factory);
        return new KernelRegistry(m);
    }

    /** Every supported kind, sorted. */
    public Set<String> kinds() {
        return factories.keySet();
    }

    /** The standard set of kernels. */
    public static KernelRegistry standard() {
        Map<String, KernelFactory> m = new TreeMap<>();
        m.put(OpKinds.CONVERT, ElementwiseKernels.convert());
        m.put(OpKinds.CONVOLUTION, ConvolutionKernel.factory(false));
        m.put(OpKinds.GROUP_CONVOLUTION, ConvolutionKernel.factory(true));
        m.put(OpKinds.MAT_MUL, MatMulKernel.factory());
        m.put(OpKinds.ADD, ElementwiseKernels.binary(FloatLoops.BinaryOp.ADD, Long::sum));
        m.put(OpKinds.SUBTRACT, ElementwiseKernels.binary(FloatLoops.BinaryOp.SUBTRACT, (a, b) -> a - b));
        m.put(OpKinds.MULTIPLY, ElementwiseKernels.binary(FloatLoops.BinaryOp.MULTIPLY, (a, b) -> a * b));
        m.put(OpKinds.DIVIDE, ElementwiseKernels.binary(FloatLoops.BinaryOp.DIVIDE, Math::floorDiv));
        m.put(OpKinds.POWER, ElementwiseKernels.power());
        m.put(OpKinds.MAXIMUM, ElementwiseKernels.binary(FloatLoops.BinaryOp.MAXIMUM, Math::max));
        m.put(OpKinds.MINIMUM, ElementwiseKernels.binary(FloatLoops.BinaryOp.MINIMUM, Math::min));
        m.put("SquaredDifference", ElementwiseKernels.binary((a, b) -> (a - b) * (a - b), null));
        m.put(OpKinds.RELU, ElementwiseKernels.relu());
        m.put(OpKinds.PRELU, ElementwiseKernels.prelu());
        m.put(OpKinds.SIGMOID, ElementwiseKernels.unaryDouble(x -> 1 / (1 + Math.exp(-x))));
        m.put(OpKinds.TANH, ElementwiseKernels.unaryDouble(Math::tanh));
        m.put(OpKinds.EXP, ElementwiseKernels.unaryDouble(Math::exp));
        m.put(OpKinds.SQRT, ElementwiseKernels.unaryDouble(Math::sqrt));
        m.put("Log", ElementwiseKernels.unaryDouble(Math::log));
        m.put("Abs", ElementwiseKernels.unary(Math::abs));
        m.put("Negative", ElementwiseKernels.unary(x -> -x));
        m.put(OpKinds.FLOOR, ElementwiseKernels.unary(x -> (float) Math.floor(x)));
        m.put(OpKinds.CEILING, ElementwiseKernels.unary(x -> (float) Math.ceil(x)));
        m.put(OpKinds.CLAMP, ElementwiseKernels.clamp());
        m.put("HSwish", ElementwiseKernels.unary(x -> x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f));
        m.put("HSigmoid", ElementwiseKernels.unary(x -> Math.min(Math.max(x + 3f, 0f), 6f) / 6f));
        m.put("Swish", ElementwiseKernels.swish());
        m.put(OpKinds.MAX_POOL, PoolingKernel.factory(true));
        m.put(OpKinds.AVG_POOL, PoolingKernel.factory(false));
        m.put(OpKinds.REDUCE_MEAN, ReduceKernel.factory(ReduceKernel.Kind.MEAN));
        m.put(OpKinds.REDUCE_SUM, ReduceKernel.factory(ReduceKernel.Kind.SUM));
        m.put(OpKinds.REDUCE_MAX, ReduceKernel.factory(ReduceKernel.Kind.MAX));
        m.put("ReduceMin", ReduceKernel.factory(ReduceKernel.Kind.MIN));
        m.put("ReduceProd", ReduceKernel.factory(ReduceKernel.Kind.PROD));
        m.put(OpKinds.SOFTMAX, SoftMaxKernel.factory(false));
        m.put("LogSoftmax", SoftMaxKernel.factory(true));
        m.put(OpKinds.CONCAT, ShapeKernels.concat());
        m.put(OpKinds.SPLIT, ShapeKernels.split());
        m.put(OpKinds.VARIADIC_SPLIT, ShapeKernels.variadicSplit());
        m.put(OpKinds.RESHAPE, ShapeKernels.reshape());
        m.put(OpKinds.FLATTEN, ShapeKernels.flatten());
        m.put(OpKinds.SQUEEZE, ShapeKernels.squeeze());
        m.put(OpKinds.UNSQUEEZE, ShapeKernels.unsqueeze());
        m.put(OpKinds.SHAPE_OF, ShapeKernels.shapeOf());
        m.put(OpKinds.TRANSPOSE, TransposeKernel.factory());
        m.put(OpKinds.STRIDED_SLICE, StridedSliceKernel.factory());
        m.put(OpKinds.GATHER, GatherKernel.factory());
        m.put(OpKinds.PAD, PadKernel.factory());
        m.put(OpKinds.BATCH_NORM, BatchNormKernel.factory());
        m.put(OpKinds.FAKE_QUANTIZE, FakeQuantizeKernel.factory());
        m.put(OpKinds.PRIOR_BOX, PriorBoxKernel.factory());
        m.put(OpKinds.PRIOR_BOX_CLUSTERED, PriorBoxClusteredKernel.factory());
        m.put(OpKinds.DETECTION_OUTPUT, DetectionOutputKernel.factory());
        m.put("Broadcast", BroadcastKernel.factory());
        m.put(OpKinds.QUANTIZE_LINEAR, QuantizeLinearKernels.quantize());
        m.put(OpKinds.DEQUANTIZE_LINEAR, QuantizeLinearKernels.dequantize());
        m.put(OpKinds.INTERPOLATE, InterpolateKernel.factory());
        m.put(OpKinds.NORMALIZE_L2, NormalizationKernels.normalizeL2());
        m.put(OpKinds.MVN, NormalizationKernels.mvn());
        m.put(OpKinds.CONVOLUTION_BACKPROP_DATA, ConvolutionBackpropDataKernel.factory(false));
        m.put(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA, ConvolutionBackpropDataKernel.factory(true));
        registerOnnxCoverage(m);
        return new KernelRegistry(m);
    }

    /** The ops real ONNX models use beyond convolutional networks (issue 13). */
    private static void registerOnnxCoverage(Map<String, KernelFactory> m) {
        m.put("Equal", LogicalKernels.compare((sign, nan) -> !nan && sign == 0));
        m.put("NotEqual", LogicalKernels.compare((sign, nan) -> nan || sign != 0));
        m.put("Less", LogicalKernels.compare((sign, nan) -> !nan && sign < 0));
        m.put("Greater", LogicalKernels.compare((sign, nan) -> !nan && sign > 0));
        m.put("LessEqual", LogicalKernels.compare((sign, nan) -> !nan && sign <= 0));
        m.put("GreaterEqual", LogicalKernels.compare((sign, nan) -> !nan && sign >= 0));
        m.put("LogicalAnd", LogicalKernels.logical((a, b) -> a && b));
        m.put("LogicalOr", LogicalKernels.logical((a, b) -> a || b));
        m.put("LogicalXor", LogicalKernels.logical((a, b) -> a ^ b));
        m.put("LogicalNot", LogicalKernels.not());
        m.put("IsNaN", LogicalKernels.test(Float::isNaN));
        m.put("IsInf", LogicalKernels.isInf());
        m.put("Select", LogicalKernels.select());
        m.put("BitwiseLeftShift", ElementwiseKernels.binary((a, b) -> a, (a, b) -> a << b));
        m.put("BitwiseRightShift", ElementwiseKernels.binary((a, b) -> a, (a, b) -> a >>> b));
        m.put("Erf", ElementwiseKernels.unaryDouble(ErrorFunction::erf));
        m.put("Sin", ElementwiseKernels.unaryDouble(Math::sin));
        m.put("Cos", ElementwiseKernels.unaryDouble(Math::cos));
        m.put("Tan", ElementwiseKernels.unaryDouble(Math::tan));
        m.put("Asin", ElementwiseKernels.unaryDouble(Math::asin));
        m.put("Acos", ElementwiseKernels.unaryDouble(Math::acos));
        m.put("Atan", ElementwiseKernels.unaryDouble(Math::atan));
        m.put("Sinh", ElementwiseKernels.unaryDouble(Math::sinh));
        m.put("Cosh", ElementwiseKernels.unaryDouble(Math::cosh));
        m.put("Asinh", ElementwiseKernels.unaryDouble(x -> Math.log(x + Math.sqrt(x * x + 1))));
        m.put("Acosh", ElementwiseKernels.unaryDouble(x -> Math.log(x + Math.sqrt(x * x - 1))));
        m.put("Atanh", ElementwiseKernels.unaryDouble(x -> 0.5 * Math.log((1 + x) / (1 - x))));
        m.put("Reciprocal", ElementwiseKernels.unary(x -> 1f / x));
        m.put("Sign", ElementwiseKernels.unary(Math::signum));
        m.put("Round", ActivationKernels.round());
        m.put("SoftPlus", ElementwiseKernels.unary(ActivationKernels::softPlus));
        m.put("SoftSign", ElementwiseKernels.unary(x -> x / (1 + Math.abs(x))));
        m.put("HardSigmoid", ActivationKernels.hardSigmoid());
        m.put("Selu", ActivationKernels.selu());
        m.put("Elu", ActivationKernels.elu());
        m.put("Celu", ActivationKernels.celu());
        m.put("ThresholdedRelu", ActivationKernels.thresholdedRelu());
        m.put("Shrink", ActivationKernels.shrink());
        m.put("Gelu", ActivationKernels.gelu());
        m.put("FloorMod", ActivationKernels.mod(true));
        m.put("Mod", ActivationKernels.mod(false));
        m.put("ReduceL1", ReduceKernel.factory(ReduceKernel.Kind.L1));
        m.put("ReduceL2", ReduceKernel.factory(ReduceKernel.Kind.L2));
        m.put("ReduceSumSquare", ReduceKernel.factory(ReduceKernel.Kind.SUM_SQUARE));
        m.put("ReduceLogSum", ReduceKernel.factory(ReduceKernel.Kind.LOG_SUM));
        m.put("ReduceLogSumExp", ReduceKernel.factory(ReduceKernel.Kind.LOG_SUM_EXP));
        m.put("ArgMax", AxisKernels.argExtremum(true));
        m.put("ArgMin", AxisKernels.argExtremum(false));
        m.put("Hardmax", AxisKernels.hardmax());
        m.put("CumSum", AxisKernels.cumSum());
        m.put("Range", IndexPatternKernels.range());
        m.put("Trilu", IndexPatternKernels.trilu());
        m.put("EyeLike", IndexPatternKernels.eyeLike());
        m.put("OneHot", IndexPatternKernels.oneHot());
        m.put("Tile", LayoutKernels.tile());
        m.put("Size", LayoutKernels.size());
        m.put("DepthToSpace", LayoutKernels.depthToSpace());
        m.put("SpaceToDepth", LayoutKernels.spaceToDepth());
        m.put("GatherElements", GatherScatterKernels.gatherElements());
        m.put("GatherND", GatherScatterKernels.gatherNd());
        m.put("ScatterElementsUpdate", GatherScatterKernels.scatterElements());
        m.put("ScatterNDUpdate", GatherScatterKernels.scatterNd());
        m.put("TopK", TopKKernel.factory());
        m.put("LayerNormalization", LayerNormalizationKernels.layerNormalization());
        m.put("InstanceNormalization", LayerNormalizationKernels.instanceNormalization());
        m.put("LRN", LayerNormalizationKernels.lrn());
        m.put("Einsum", EinsumKernel.factory());
        m.put("NegativeLogLikelihoodLoss", LossKernels.negativeLogLikelihood());
        m.put("SoftmaxCrossEntropyLoss", LossKernels.softmaxCrossEntropy());
        m.put("LSTM", RecurrentKernel.factory(RecurrentKernel.Cell.LSTM));
        m.put("GRU", RecurrentKernel.factory(RecurrentKernel.Cell.GRU));
        m.put("RNN", RecurrentKernel.factory(RecurrentKernel.Cell.RNN));
    }
}
