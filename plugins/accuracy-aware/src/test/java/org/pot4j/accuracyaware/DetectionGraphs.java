package org.pot4j.accuracyaware;

import java.util.List;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Small detection-like graphs for the label-free mode's tests, built with the API's {@link GraphBuilder}: an SSD head
 * as OpenVINO converts it (box regressions and softmaxed confidences reshaped to {@code [N, 16]} and {@code [N, 8]},
 * priors from PriorBoxClustered over ShapeOf, DetectionOutput, Result) and an ONNX-style NonMaxSuppression head.
 */
final class DetectionGraphs {
    /** Where the box regressions and the confidences are produced in {@link #ssd}. */
    static final PortRef LOC = PortRef.of("loc");
    static final PortRef CONF = PortRef.of("conf");
    /** The quantizer {@link #ssd} puts in front of DetectionOutput's input 1 when asked. */
    static final PortRef CONF_FQ = PortRef.of("conf/fq");
    static final String DETECTION_OUTPUT = "detection_out";

    private DetectionGraphs() {
    }

    private static List<OutputPort> out(long... dims) {
        return List.of(new OutputPort(0, Shape.of(dims), ElementType.F32, List.of()));
    }

    private static PortRef p(String node) {
        return PortRef.of(node);
    }

    /**
     * Parameter -> two convolutions (regressions; confidences through SoftMax) -> Reshape -> DetectionOutput, whose
     * priors come from PriorBoxClustered over the shapes of the input and of a feature map.
     *
     * @param quantizerBeforeConfidences whether a FakeQuantize sits between the confidences and DetectionOutput, as
     *                                   in a quantized model
     */
    static Graph ssd(boolean quantizerBeforeConfidences) {
        GraphBuilder b = new GraphBuilder()
                .add("image", OpKinds.PARAMETER, null, List.of(), out(1, 3, 8, 8))
                .addConstant("w", Tensor.ofFloats(Shape.of(8, 3, 1, 1), new float[24]))
                .add("features", OpKinds.CONVOLUTION, null, List.of(p("image"), p("w")), out(1, 8, 2, 2))
                .addConstant("w_loc", Tensor.ofFloats(Shape.of(4, 8, 1, 1), new float[32]))
                .add("loc_conv", OpKinds.CONVOLUTION, null, List.of(p("features"), p("w_loc")), out(1, 4, 2, 2))
                .addConstant("loc_shape", Tensor.ofLongs(Shape.of(2), 0, -1))
                .add("loc", OpKinds.RESHAPE, null, List.of(p("loc_conv"), p("loc_shape")), out(1, 16))
                .addConstant("w_conf", Tensor.ofFloats(Shape.of(2, 8, 1, 1), new float[16]))
                .add("conf_conv", OpKinds.CONVOLUTION, null, List.of(p("features"), p("w_conf")), out(1, 2, 2, 2))
                .add("conf_softmax", OpKinds.SOFTMAX, Attributes.of(java.util.Map.of("axis", 1L)),
                        List.of(p("conf_conv")), out(1, 2, 2, 2))
                .addConstant("conf_shape", Tensor.ofLongs(Shape.of(2), 0, -1))
                .add("conf", OpKinds.RESHAPE, null, List.of(p("conf_softmax"), p("conf_shape")), out(1, 8))
                .add("image_shape", OpKinds.SHAPE_OF, null, List.of(p("image")), out(4))
                .add("features_shape", OpKinds.SHAPE_OF, null, List.of(p("features")), out(4))
                .addConstant("begin", Tensor.ofLongs(Shape.of(1), 2))
                .addConstant("end", Tensor.ofLongs(Shape.of(1), 4))
                .add("image_hw", OpKinds.STRIDED_SLICE, null, List.of(p("image_shape"), p("begin"), p("end")), out(2))
                .add("features_hw", OpKinds.STRIDED_SLICE, null, List.of(p("features_shape"), p("begin"), p("end")),
                        out(2))
                .add("priors", OpKinds.PRIOR_BOX_CLUSTERED, null, List.of(p("features_hw"), p("image_hw")),
                        out(1, 2, 16));
        PortRef confidences = CONF;
        if (quantizerBeforeConfidences) {
            b.addConstant("lo", Tensor.scalar(0f)).addConstant("hi", Tensor.scalar(1f))
                    .add(CONF_FQ.node(), OpKinds.FAKE_QUANTIZE, Attributes.of(java.util.Map.of("levels", 256L)),
                            List.of(CONF, p("lo"), p("hi"), p("lo"), p("hi")), out(1, 8));
            confidences = CONF_FQ;
        }
        return b.add(DETECTION_OUTPUT, OpKinds.DETECTION_OUTPUT, null, List.of(LOC, confidences, p("priors")),
                        out(1, 1, 8, 7))
                .add("detection_out/sink_port_0", OpKinds.RESULT, null, List.of(p(DETECTION_OUTPUT)), List.of())
                .build();
    }

    /**
     * An ONNX-style head: boxes and scores from the input, NonMaxSuppression with constant limits, and the selected
     * boxes gathered from the boxes by the selected indices; the raw scores are a second output.
     */
    static Graph nonMaxSuppression() {
        return new GraphBuilder()
                .add("input", OpKinds.PARAMETER, null, List.of(), out(1, 6, 4))
                .addConstant("box_scale", Tensor.scalar(2f))
                .add("boxes", OpKinds.MULTIPLY, null, List.of(p("input"), p("box_scale")), out(1, 6, 4))
                .add("scores", OpKinds.SIGMOID, null, List.of(p("input")), out(1, 6, 4))
                .addConstant("max_boxes", Tensor.ofLongs(Shape.of(1), 3))
                .addConstant("iou", Tensor.ofFloats(Shape.of(1), 0.5f))
                .add("nms", "NonMaxSuppression", null, List.of(p("boxes"), p("scores"), p("max_boxes"), p("iou")),
                        List.of(new OutputPort(0, Shape.of(Shape.DYNAMIC, 3), ElementType.I64, List.of())))
                .addConstant("axis", Tensor.ofLongs(Shape.of(1), 1))
                .add("selected", OpKinds.GATHER, null, List.of(p("boxes"), p("nms"), p("axis")), out(1, 3, 4))
                .add("selected_boxes", OpKinds.RESULT, null, List.of(p("selected")), List.of())
                .add("raw_scores", OpKinds.RESULT, null, List.of(p("scores")), List.of())
                .build();
    }

    /** Parameter -> two heads -> two Results, without post-processing. */
    static Graph twoOutputs() {
        return new GraphBuilder()
                .add("input", OpKinds.PARAMETER, null, List.of(), out(1, 4))
                .add("a", OpKinds.RELU, null, List.of(p("input")), out(1, 4))
                .add("b", OpKinds.SIGMOID, null, List.of(p("input")), out(1, 4))
                .add("out_a", OpKinds.RESULT, null, List.of(p("a")), List.of())
                .add("out_b", OpKinds.RESULT, null, List.of(p("b")), List.of())
                .build();
    }
}
