package org.pot4j.api.graph;

/**
 * Canonical op kinds of the neutral graph: OpenVINO opset names, used for IR and ONNX alike (ONNX {@code Conv}
 * becomes {@link #CONVOLUTION} or {@link #GROUP_CONVOLUTION}, {@code Gemm} and {@code MatMul} become
 * {@link #MAT_MUL}, ...). Formats may produce kinds not listed here; these are the ones pot4j's algorithms name.
 */
public final class OpKinds {
    private OpKinds() {
    }

    public static final String PARAMETER = "Parameter";
    public static final String CONST = "Const";
    public static final String RESULT = "Result";
    public static final String CONVERT = "Convert";
    public static final String CONVOLUTION = "Convolution";
    public static final String GROUP_CONVOLUTION = "GroupConvolution";
    public static final String CONVOLUTION_BACKPROP_DATA = "ConvolutionBackpropData";
    public static final String GROUP_CONVOLUTION_BACKPROP_DATA = "GroupConvolutionBackpropData";
    public static final String MAT_MUL = "MatMul";
    public static final String ADD = "Add";
    public static final String SUBTRACT = "Subtract";
    public static final String MULTIPLY = "Multiply";
    public static final String DIVIDE = "Divide";
    public static final String POWER = "Power";
    public static final String MAXIMUM = "Maximum";
    public static final String MINIMUM = "Minimum";
    public static final String RELU = "ReLU";
    public static final String PRELU = "PReLU";
    public static final String SIGMOID = "Sigmoid";
    public static final String TANH = "Tanh";
    public static final String CLAMP = "Clamp";
    public static final String EXP = "Exp";
    public static final String SQRT = "Sqrt";
    public static final String FLOOR = "Floor";
    public static final String CEILING = "Ceiling";
    public static final String MAX_POOL = "MaxPool";
    public static final String AVG_POOL = "AvgPool";
    public static final String REDUCE_MEAN = "ReduceMean";
    public static final String REDUCE_MAX = "ReduceMax";
    public static final String REDUCE_SUM = "ReduceSum";
    public static final String SOFTMAX = "SoftMax";
    public static final String CONCAT = "Concat";
    public static final String SPLIT = "Split";
    public static final String VARIADIC_SPLIT = "VariadicSplit";
    public static final String RESHAPE = "Reshape";
    public static final String FLATTEN = "Flatten";
    public static final String TRANSPOSE = "Transpose";
    public static final String SQUEEZE = "Squeeze";
    public static final String UNSQUEEZE = "Unsqueeze";
    public static final String SHAPE_OF = "ShapeOf";
    public static final String STRIDED_SLICE = "StridedSlice";
    public static final String GATHER = "Gather";
    public static final String PAD = "Pad";
    public static final String INTERPOLATE = "Interpolate";
    public static final String BATCH_NORM = "BatchNormInference";
    public static final String NORMALIZE_L2 = "NormalizeL2";
    public static final String MVN = "MVN";
    public static final String PRIOR_BOX = "PriorBox";
    public static final String PRIOR_BOX_CLUSTERED = "PriorBoxClustered";
    public static final String DETECTION_OUTPUT = "DetectionOutput";
    public static final String FAKE_QUANTIZE = "FakeQuantize";
    public static final String QUANTIZE_LINEAR = "QuantizeLinear";
    public static final String DEQUANTIZE_LINEAR = "DequantizeLinear";
}
