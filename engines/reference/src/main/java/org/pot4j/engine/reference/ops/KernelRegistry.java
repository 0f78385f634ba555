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
        m.put(OpKinds.SOFTMAX, SoftMaxKernel.factory());
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
        return new KernelRegistry(m);
    }
}
