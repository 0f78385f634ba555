package org.pot4j.core.hardware;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** POT's special op lists (POT_SPEC §3.5, {@code graph/special_operations.py}), by OpenVINO op type. */
public final class SpecialOperations {
    private SpecialOperations() {
    }

    /** Ops that do not change values, only move or select them: FakeQuantizes move through them. */
    public static final Set<String> QUANTIZE_AGNOSTIC_OPERATIONS = Set.of("MaxPool", "ReduceMax", "Reshape", "Concat",
            "Flatten", "Squeeze", "Unsqueeze", "Split", "VariadicSplit", "Crop", "Transpose", "Tile", "StridedSlice",
            "ShuffleChannels", "Broadcast", "Pad", "Minimum", "Maximum", "ConvertLike", "Gather", "DepthToSpace");

    /** Ops whose bias (a following Add of a constant) bias correction adjusts. */
    public static final Set<String> OPERATIONS_WITH_BIAS = Set.of("Convolution", "MatMul");

    /** The channel axis of the output of each op with bias. */
    public static final Map<String, Integer> OPERATIONS_CHANNEL_AXIS = Map.of("Convolution", 1, "MatMul", -1);

    /** Ops with a weights input (port 1). */
    public static final Set<String> OPERATIONS_WITH_WEIGHTS = Set.of("Convolution", "ConvolutionBackpropData",
            "GroupConvolution", "GroupConvolutionBackpropData", "MatMul");

    /** Producers whose outputs feeding a Concat are unified. */
    public static final Set<String> CONCAT_UNIFY_OUTPUTS = Set.of("ConvolutionBackpropData", "Convolution", "MatMul");

    /** Ops a Concat's unified inputs may come from. */
    public static final Set<String> CONCAT_UNIFY_INPUTS = Set.of("FakeQuantize", "Concat");

    /** Ops whose weights are [Cin, Cout, ...]: per-channel weight statistics use axis 1. */
    public static final Set<String> TRANSPOSED_OPERATIONS = Set.of("ConvolutionBackpropData");

    /** The input ports of recurrent sequences that are quantized. */
    public static final Map<String, List<Integer>> TYPES_TO_QUANTIZABLE_PORTS = Map.of(
            "LSTMSequence", List.of(0, 1, 4, 5), "GRUSequence", List.of(0, 1, 3, 4));

    /** Detection outputs: everything upstream of them, up to the nearest weighted op, is not quantized. */
    public static final Set<String> DETECTION_OUTPUT_FINAL_TYPES = Set.of("NonMaxSuppression", "TopK");
}
