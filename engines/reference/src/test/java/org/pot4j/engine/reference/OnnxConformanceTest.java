package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * ONNX's own backend node tests (Debian's {@code libonnx-testdata}: {@code model.onnx} with input and expected output
 * tensors) for the ops this engine added for ONNX models: Resize/Upsample (as Interpolate), QuantizeLinear,
 * DequantizeLinear, Expand and ConstantOfShape (as Broadcast), ConvTranspose (translated here into
 * ConvolutionBackpropData). Outputs within 1e-5 (absolute + relative); integer outputs exactly.
 * Skipped when the data is not installed ({@code apt-get install libonnx-testdata}; folder from system property
 * {@code pot4j.onnx.testdata}).
 */
class OnnxConformanceTest {
    private static final Path ROOT = Path.of(System.getProperty("pot4j.onnx.testdata",
            "/usr/share/libonnx-testdata/data/node"));

    private static Tensor tensor(Path pb) throws IOException {
        return OnnxTensors.decode(TensorProto.parseFrom(Files.readAllBytes(pb)), t -> {
            throw new IllegalArgumentException("external data in " + pb);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "test_resize_upsample_sizes_nearest",
        "test_resize_downsample_sizes_nearest",
        "test_resize_upsample_sizes_nearest_ceil_half_pixel",
        "test_resize_upsample_sizes_nearest_floor_align_corners",
        "test_resize_upsample_sizes_nearest_round_prefer_ceil_asymmetric",
        "test_resize_downsample_sizes_nearest_tf_half_pixel_for_nn",
        "test_resize_downsample_sizes_linear_pytorch_half_pixel",
        "test_resize_upsample_sizes_cubic",
        "test_resize_downsample_sizes_cubic",
        "test_quantizelinear",
        "test_quantizelinear_axis",
        "test_dequantizelinear",
        "test_dequantizelinear_axis",
        "test_expand_dim_changed",
        "test_expand_dim_unchanged",
        "test_constantofshape_float_ones",
        "test_constantofshape_int_zeros",
    })
    void matchesTheExpectedOutputs(String name) throws Exception {
        Path dir = dir(name);
        check(name, new OnnxModelFormat().read(ModelSource.of(dir.resolve("model.onnx"))), dir);
    }

    private static Path dir(String name) {
        Path dir = ROOT.resolve(name);
        assumeTrue(Files.isDirectory(dir), "ONNX node test data not installed at " + ROOT
                + " (apt-get install libonnx-testdata, or -Dpot4j.onnx.testdata=...)");
        return dir;
    }

    /**
     * Resize/Upsample with scales: the tests feed the scales as a graph input, which the ONNX view needs constant
     * (it infers shapes statically); they are moved into the initializers of a copy of the model. Not here:
     * {@code test_resize_downsample_scales_{linear,cubic}_align_corners}, where ONNX's reference divides by the
     * unrounded {@code input * scale - 1} (4 * 0.6 - 1 = 1.4) while OpenVINO's Interpolate, which this engine
     * follows, divides by the integer output length minus one (2 - 1 = 1).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "test_resize_upsample_scales_nearest",
        "test_resize_downsample_scales_nearest",
        "test_resize_upsample_scales_linear",
        "test_resize_upsample_scales_linear_align_corners",
        "test_resize_downsample_scales_linear",
        "test_resize_upsample_scales_cubic",
        "test_resize_upsample_scales_cubic_align_corners",
        "test_resize_upsample_scales_cubic_asymmetric",
        "test_resize_downsample_scales_cubic",
        "test_upsample_nearest",
    })
    void resizeWithConstantScalesMatchesTheExpectedOutputs(String name, @TempDir Path tmp) throws Exception {
        Path dir = dir(name);
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(dir.resolve("model.onnx")));
        GraphProto.Builder g = proto.getGraph().toBuilder();
        Path data = dir.resolve("test_data_set_0");
        // every graph input but the first (the image) becomes an initializer; their data follow input_0
        List<ValueInfoProto> inputs = new ArrayList<>(g.getInputList());
        g.clearInput().addInput(inputs.get(0));
        for (int i = 1; i < inputs.size(); i++) {
            TensorProto t = TensorProto.parseFrom(Files.readAllBytes(data.resolve("input_" + i + ".pb")));
            g.addInitializer(t.toBuilder().setName(inputs.get(i).getName()));
        }
        Path copy = tmp.resolve("model.onnx");
        Files.write(copy, proto.toBuilder().setGraph(g).build().toByteArray());
        check(name, new OnnxModelFormat().read(ModelSource.of(copy)), dir);
    }

    /**
     * ConvTranspose: the ONNX view keeps it under its ONNX name (not mapped yet), so the node's ONNX attributes are
     * translated here into a ConvolutionBackpropData with explicit pads, computed as ONNX defines them when
     * {@code output_shape} is given (the larger half at the beginning, except for SAME_UPPER).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "test_convtranspose",
        "test_convtranspose_1d",
        "test_convtranspose_dilations",
        "test_convtranspose_kernel_shape",
        "test_convtranspose_output_shape",
        "test_convtranspose_pad",
        "test_convtranspose_pads",
        "test_convtranspose_autopad_same",
        "test_convtranspose_with_kernel",
    })
    void convTransposeAsConvolutionBackpropDataMatchesTheExpectedOutputs(String name) throws Exception {
        Path dir = dir(name);
        NodeProto node = ModelProto.parseFrom(Files.readAllBytes(dir.resolve("model.onnx"))).getGraph().getNode(0);
        Map<String, AttributeProto> at = new LinkedHashMap<>();
        node.getAttributeList().forEach(a -> at.put(a.getName(), a));
        Path data = dir.resolve("test_data_set_0");
        Tensor x = tensor(data.resolve("input_0.pb"));
        Tensor w = tensor(data.resolve("input_1.pb"));
        int spatial = x.shape().rank() - 2;
        long[] strides = ints(at, "strides", spatial, 1);
        long[] dilations = ints(at, "dilations", spatial, 1);
        long[] outPad = ints(at, "output_padding", spatial, 0);
        long[] pads = at.containsKey("pads") ? at.get("pads").getIntsList().stream().mapToLong(Long::longValue).toArray()
                : new long[2 * spatial];
        String autoPad = at.containsKey("auto_pad") ? at.get("auto_pad").getS().toStringUtf8() : "NOTSET";
        long[] outShape = null;
        if (at.containsKey("output_shape")) {
            long[] o = at.get("output_shape").getIntsList().stream().mapToLong(Long::longValue).toArray();
            outShape = java.util.Arrays.copyOfRange(o, o.length - spatial, o.length);
        } else if (autoPad.startsWith("SAME")) {
            outShape = new long[spatial];
            for (int i = 0; i < spatial; i++) {
                outShape[i] = x.shape().dim(2 + i) * strides[i];
            }
        }
        if (outShape != null) {
            for (int i = 0; i < spatial; i++) {
                long k = (w.shape().dim(2 + i) - 1) * dilations[i] + 1;
                // an output_shape beyond the full result gets its extra zeros at the end (no negative pads)
                long total = Math.max(0, strides[i] * (x.shape().dim(2 + i) - 1) + outPad[i] + k - outShape[i]);
                pads[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                pads[spatial + i] = total - pads[i];
            }
        }
        OpRunner op = OpRunner.op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", csv(strides))
                .attr("dilations", csv(dilations)).attr("output_padding", csv(outPad))
                .attr("pads_begin", csv(java.util.Arrays.copyOfRange(pads, 0, spatial)))
                .attr("pads_end", csv(java.util.Arrays.copyOfRange(pads, spatial, 2 * spatial))).input(x).constant(w);
        if (outShape != null) {
            op.constant(Tensor.ofLongs(org.pot4j.api.tensor.Shape.of(spatial), outShape));
        }
        Tensor want = tensor(data.resolve("output_0.pb"));
        Tensor have = op.run();
        assertEquals(want.shape(), have.shape(), name + " shape");
        float[] wv = want.toFloatArray();
        float[] hv = have.toFloatArray();
        for (int k = 0; k < wv.length; k++) {
            assertTrue(Math.abs(wv[k] - hv[k]) <= 1e-5 + 1e-5 * Math.abs(wv[k]),
                    name + " element " + k + ": expected " + wv[k] + ", got " + hv[k]);
        }
    }

    private static long[] ints(Map<String, AttributeProto> at, String name, int n, long fallback) {
        if (!at.containsKey(name)) {
            long[] d = new long[n];
            java.util.Arrays.fill(d, fallback);
            return d;
        }
        return at.get(name).getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static String csv(long[] v) {
        StringBuilder b = new StringBuilder();
        for (long x : v) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        return b.toString();
    }

    private static void check(String name, Model model, Path dir) throws Exception {
        List<String> inputNames = new ArrayList<>();
        for (Node n : model.graph().nodes()) {
            if (n.kind().equals(OpKinds.PARAMETER)) {
                inputNames.add(n.name());
            }
        }
        Path data = dir.resolve("test_data_set_0");
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (int i = 0; i < inputNames.size(); i++) {
            feed.put(inputNames.get(i), tensor(data.resolve("input_" + i + ".pb")));
        }
        try (Engine e = OpRunner.engine(Map.of("threads", 2))) {
            e.setModel(model);
            Map<String, Tensor> out = e.infer(feed);
            List<Tensor> got = new ArrayList<>(out.values());
            for (int i = 0; Files.exists(data.resolve("output_" + i + ".pb")); i++) {
                Tensor want = tensor(data.resolve("output_" + i + ".pb"));
                Tensor have = got.get(i);
                assertEquals(want.shape(), have.shape(), name + " output " + i + " shape");
                if (want.elementType().isFloatingPoint()) {
                    float[] w = want.toFloatArray();
                    float[] h = have.toFloatArray();
                    for (int k = 0; k < w.length; k++) {
                        assertTrue(Math.abs(w[k] - h[k]) <= 1e-5 + 1e-5 * Math.abs(w[k]),
                                name + " output " + i + " element " + k + ": expected " + w[k] + ", got " + h[k]);
                    }
                } else {
                    long[] w = want.toLongArray();
                    long[] h = have.toLongArray();
                    for (int k = 0; k < w.length; k++) {
                        assertEquals(w[k], h[k], name + " output " + i + " element " + k);
                    }
                }
            }
        }
    }
}
