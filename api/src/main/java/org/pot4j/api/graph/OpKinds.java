package org.pot4j.api.graph;

/**
 * Canonical op kinds of the neutral graph: OpenVINO opset names, used for IR and ONNX alike (ONNX {@code Conv}
 * becomes {@link #CONVOLUTION} or {@link #GROUP_CONVOLUTION}, {@code Gemm} and {@code MatMul} become
 * {@link #MAT_MUL}, ...). Formats may produce kinds not listed here; these are the ones pot4j's algorithms name.
 */
public final class OpKinds {
    private OpKinds() {
    }

    /** A model input. */
    public static final String PARAMETER = "Parameter";
    /** A constant tensor, such as weights or a bias; its value is {@link Node#constantValue()}. */
    public static final String CONST = "Const";
    /** A model output. */
    public static final String RESULT = "Result";
    /** Element type conversion. */
    public static final String CONVERT = "Convert";
    /** Convolution (ONNX {@code Conv} with one group). */
    public static final String CONVOLUTION = "Convolution";
    /** Grouped and depthwise convolution (ONNX {@code Conv} with several groups). */
    public static final String GROUP_CONVOLUTION = "GroupConvolution";
    /** Transposed convolution (ONNX {@code ConvTranspose} with one group). */
    public static final String CONVOLUTION_BACKPROP_DATA = "ConvolutionBackpropData";
    /** Grouped transposed convolution. */
    public static final String GROUP_CONVOLUTION_BACKPROP_DATA = "GroupConvolutionBackpropData";
    /** Matrix multiplication (ONNX {@code MatMul} and {@code Gemm}). */
    public static final String MAT_MUL = "MatMul";
    /** Element-wise addition, with broadcasting. */
    public static final String ADD = "Add";
    /** Element-wise subtraction, with broadcasting. */
    public static final String SUBTRACT = "Subtract";
    /** Element-wise multiplication, with broadcasting. */
    public static final String MULTIPLY = "Multiply";
    /** Element-wise division, with broadcasting. */
    public static final String DIVIDE = "Divide";
    /** Element-wise power, with broadcasting. */
    public static final String POWER = "Power";
    /** Element-wise maximum of two inputs. */
    public static final String MAXIMUM = "Maximum";
    /** Element-wise minimum of two inputs. */
    public static final String MINIMUM = "Minimum";
    /** Rectified linear unit. */
    public static final String RELU = "ReLU";
    /** Parametric ReLU, with a learned slope for negative values. */
    public static final String PRELU = "PReLU";
    /** Logistic sigmoid. */
    public static final String SIGMOID = "Sigmoid";
    /** Hyperbolic tangent. */
    public static final String TANH = "Tanh";
    /** Clamping to a range (ONNX {@code Clip}). */
    public static final String CLAMP = "Clamp";
    /** Element-wise exponential. */
    public static final String EXP = "Exp";
    /** Element-wise square root. */
    public static final String SQRT = "Sqrt";
    /** Element-wise rounding down. */
    public static final String FLOOR = "Floor";
    /** Element-wise rounding up. */
    public static final String CEILING = "Ceiling";
    /** Max pooling. */
    public static final String MAX_POOL = "MaxPool";
    /** Average pooling. */
    public static final String AVG_POOL = "AvgPool";
    /** Mean over axes (also global average pooling). */
    public static final String REDUCE_MEAN = "ReduceMean";
    /** Maximum over axes. */
    public static final String REDUCE_MAX = "ReduceMax";
    /** Sum over axes. */
    public static final String REDUCE_SUM = "ReduceSum";
    /** Softmax along one axis. */
    public static final String SOFTMAX = "SoftMax";
    /** Concatenation along one axis. */
    public static final String CONCAT = "Concat";
    /** Split into equal parts along one axis. */
    public static final String SPLIT = "Split";
    /** Split into parts of given lengths along one axis. */
    public static final String VARIADIC_SPLIT = "VariadicSplit";
    /** Reshape to a new shape of the same element count. */
    public static final String RESHAPE = "Reshape";
    /** Flattening to two dimensions (ONNX {@code Flatten}). */
    public static final String FLATTEN = "Flatten";
    /** Permutation of axes. */
    public static final String TRANSPOSE = "Transpose";
    /** Removal of axes of size 1. */
    public static final String SQUEEZE = "Squeeze";
    /** Insertion of axes of size 1. */
    public static final String UNSQUEEZE = "Unsqueeze";
    /** The shape of a tensor, as a tensor. */
    public static final String SHAPE_OF = "ShapeOf";
    /** Slicing with begin, end and stride per axis. */
    public static final String STRIDED_SLICE = "StridedSlice";
    /** Selection of entries by index along one axis. */
    public static final String GATHER = "Gather";
    /** Padding. */
    public static final String PAD = "Pad";
    /** Resizing by interpolation (ONNX {@code Resize} and {@code Upsample}). */
    public static final String INTERPOLATE = "Interpolate";
    /** Batch normalization at inference time. */
    public static final String BATCH_NORM = "BatchNormInference";
    /** Normalization by the L2 norm over axes. */
    public static final String NORMALIZE_L2 = "NormalizeL2";
    /** Mean-variance normalization. */
    public static final String MVN = "MVN";
    /** SSD prior (anchor) boxes. */
    public static final String PRIOR_BOX = "PriorBox";
    /** SSD prior boxes of given widths and heights. */
    public static final String PRIOR_BOX_CLUSTERED = "PriorBoxClustered";
    /** SSD box decoding and non-maximum suppression. */
    public static final String DETECTION_OUTPUT = "DetectionOutput";
    /** Quantization and dequantization in one op, as inserted by quantization (OpenVINO FakeQuantize-1). */
    public static final String FAKE_QUANTIZE = "FakeQuantize";
    /** Linear quantization to integers (ONNX {@code QuantizeLinear}). */
    public static final String QUANTIZE_LINEAR = "QuantizeLinear";
    /** Linear dequantization of integers (ONNX {@code DequantizeLinear}). */
    public static final String DEQUANTIZE_LINEAR = "DequantizeLinear";
}
