package org.pot4j.quantization.bias;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.graph.GraphModel;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.quantization.minmax.ConstantFolder;
import org.pot4j.quantization.minmax.QuantizerRange;
import org.pot4j.quantization.placement.GraphFacts;
import org.pot4j.quantization.placement.QuantizerGroup;
import org.pot4j.quantization.placement.QuantizerSite;
import org.pot4j.quantization.statistics.StatisticKey;

/**
 * POT's FastBiasCorrection (POT_SPEC §9.1): for each convolution or MatMul with quantized constant weights and a
 * constant bias, runs the op alone with its quantized weights on an input whose channels hold the FP32 input's
 * per-channel means, and moves the bias by the difference between the FP32 output means and that result. A bias with a
 * zero element, or a change larger than {@code threshold} times the bias, is left as it is.
 */
public final class FastBiasCorrection {
    static final String INPUT_MEAN = "fbc_input_mean";
    static final String OUTPUT_MEAN = "fbc_output_mean";
    private static final System.Logger LOG = System.getLogger(FastBiasCorrection.class.getName());

    private final double threshold;
    private final boolean applyForAllNodes;

    public FastBiasCorrection(double threshold, boolean applyForAllNodes) {
        this.threshold = threshold;
        this.applyForAllNodes = applyForAllNodes;
    }

    /**
     * An op whose bias is corrected.
     *
     * @param inputMean  the per-channel mean of the op's input
     * @param outputMean the per-channel mean of the bias Add's output
     */
    public record Target(String op, PortRef input, int inputChannelAxis, String biasAdd, PortRef bias,
                         int outputChannelAxis, StatisticKey inputMean, StatisticKey outputMean) {
        Target(String op, PortRef input, int inputChannelAxis, String biasAdd, PortRef bias, int outputChannelAxis) {
            this(op, input, inputChannelAxis, biasAdd, bias, outputChannelAxis,
                    new StatisticKey(input, mean(INPUT_MEAN, inputChannelAxis)),
                    new StatisticKey(new PortRef(biasAdd, 0), mean(OUTPUT_MEAN, outputChannelAxis)));
        }
    }

    /** The ops to correct in the FP32 graph. */
    public List<Target> targets(GraphFacts facts, List<QuantizerSite> sites) {
        Set<String> quantizedWeights = new HashSet<>();
        for (QuantizerSite s : sites) {
            if (s.group() == QuantizerGroup.WEIGHTS) {
                s.consumers().stream().filter(c -> c.port() == 1).forEach(c -> quantizedWeights.add(c.node()));
            }
        }
        Graph g = facts.graph();
        List<Target> out = new ArrayList<>();
        for (Node op : g.nodes()) {
            boolean conv = OpKinds.CONVOLUTION.equals(op.kind()) || OpKinds.GROUP_CONVOLUTION.equals(op.kind());
            boolean matmul = OpKinds.MAT_MUL.equals(op.kind());
            if (!(conv || matmul) || op.input(0).isEmpty() || !facts.hasConstantInput(op, 1)
                    || !(applyForAllNodes || quantizedWeights.contains(op.name()))) {
                continue;
            }
            List<InputRef> consumers = facts.consumers(op, 0);
            if (consumers.size() != 1) {
                continue;
            }
            Node add = g.requireNode(consumers.get(0).node());
            if (!OpKinds.ADD.equals(add.kind())) {
                continue;
            }
            int biasPort = consumers.get(0).port() == 0 ? 1 : 0;
            if (add.input(biasPort).isEmpty() || !facts.isConstant(add.input(biasPort).get().node())) {
                continue;
            }
            Shape inShape = g.outputPort(op.input(0).get()).shape();
            if (inShape.rank() < 2) {
                continue;
            }
            out.add(new Target(op.name(), op.input(0).get(), conv ? 1 : -1, add.name(), add.input(biasPort).get(),
                    conv ? 1 : -1));
        }
        return out;
    }

    /** The per-channel means FastBiasCorrection needs, collected on the FP32 model with MinMax's statistics. */
    public static List<StatisticKey> statistics(List<Target> targets) {
        Set<StatisticKey> keys = new LinkedHashSet<>();
        for (Target t : targets) {
            keys.add(t.inputMean());
            keys.add(t.outputMean());
        }
        return List.copyOf(keys);
    }

    private static ActivationStatistic mean(String name, int axis) {
        return new ActivationStatistic(name, Reducer.MEAN, Double.NaN, Granularity.PER_CHANNEL, axis, Aggregator.MEAN);
    }

    /**
     * Corrects the biases of the quantized model through {@code editor}.
     *
     * @param fp32   the graph the statistics were collected on
     * @param sites  MinMax's quantizers
     * @param ranges their ranges by name
     * @param engine an engine that runs neutral graphs (the reference engine), used for the one-op sub-models
     * @return the names of the bias constants changed
     */
    public List<String> apply(List<Target> targets, Graph fp32, List<QuantizerSite> sites,
                              Map<String, QuantizerRange> ranges, CollectedStatistics statistics,
                              QuantizationEditor editor, Engine engine) {
        Map<String, QuantizerSite> weightSites = new LinkedHashMap<>();
        for (QuantizerSite s : sites) {
            if (s.group() == QuantizerGroup.WEIGHTS) {
                s.consumers().stream().filter(c -> c.port() == 1).forEach(c -> weightSites.put(c.node(), s));
            }
        }
        List<String> changed = new ArrayList<>();
        for (Target t : targets) {
            double[] xMean = t.inputMean().in(statistics).toDoubleArray();
            double[] yFp32 = t.outputMean().in(statistics).toDoubleArray();
            Shape inShape = fp32.outputPort(t.input()).shape().withDim(0, 1);
            if (!inShape.isStatic()) {
                LOG.log(System.Logger.Level.DEBUG, "bias of {0} not corrected: dynamic input shape {1}", t.op(), inShape);
                continue;
            }
            QuantizerSite weights = weightSites.get(t.op());
            double[] yQuantized;
            try {
                yQuantized = runQuantizedOp(fp32, t, weights, weights == null ? null : ranges.get(weights.name()),
                        inShape, xMean, engine);
            } catch (EngineException e) {
                // an op the graph engine cannot run alone leaves its bias as it was; the rest is still corrected
                LOG.log(System.Logger.Level.WARNING, "bias of {0} not corrected: {1}", t.op(), e.getMessage());
                continue;
            }
            Tensor bias = ConstantFolder.value(fp32, t.bias());
            float[] b = bias.toFloatArray();
            if (b.length != yFp32.length || yQuantized.length != yFp32.length) {
                continue;
            }
            float[] newBias = new float[b.length];
            double worst = 0;
            boolean hasZero = false;
            for (int c = 0; c < b.length; c++) {
                newBias[c] = (float) (yFp32[c] - yQuantized[c]);
                hasZero |= b[c] == 0f;
                worst = Math.max(worst, Math.abs((newBias[c] - b[c]) / b[c]));
            }
            if (hasZero || !(worst < threshold)) {
                LOG.log(System.Logger.Level.DEBUG, "bias of {0} kept: {1}", t.op(),
                        hasZero ? "it has a zero element" : "largest relative change " + worst + " >= " + threshold);
                continue;
            }
            Node root = ConstantFolder.root(fp32, t.bias());
            editor.replaceConstant(root.name(), Tensor.ofFloats(root.output(0).shape(), newBias));
            changed.add(root.name());
        }
        return changed;
    }

    /**
     * Runs {@code Parameter -> op -> Result} on a per-channel-constant input, the op's weights quantized by a
     * FakeQuantize with MinMax's range (format-neutral: the same sub-model for IR and ONNX).
     */
    private static double[] runQuantizedOp(Graph fp32, Target t, QuantizerSite weightSite, QuantizerRange range,
                                           Shape inShape, double[] xMean, Engine engine) {
        Node op = fp32.requireNode(t.op());
        GraphBuilder b = new GraphBuilder();
        b.add("input", OpKinds.PARAMETER, null, null, List.of(),
                List.of(new OutputPort(0, inShape, ElementType.F32, List.of("input"))), null);
        PortRef weightsPort = op.input(1).orElseThrow();
        Tensor w = ConstantFolder.value(fp32, weightsPort);
        if (range != null && !java.util.Arrays.equals(range.input().low(), range.output().low())) {
            w = halved(w); // saturation-fixed weights: the FakeQuantize sees W/2 and doubles its output
        }
        b.addConstant("weights", w);
        PortRef quantizedWeights = PortRef.of("weights");
        if (range != null) {
            b.addConstant("input_low", range.inputLow());
            b.addConstant("input_high", range.inputHigh());
            b.addConstant("output_low", range.outputLow());
            b.addConstant("output_high", range.outputHigh());
            b.add("weights/fq", OpKinds.FAKE_QUANTIZE, OpKinds.FAKE_QUANTIZE,
                    org.pot4j.api.graph.Attributes.of(Map.of("levels", range.levels(), "auto_broadcast", "numpy")),
                    List.of(PortRef.of("weights"), PortRef.of("input_low"), PortRef.of("input_high"),
                            PortRef.of("output_low"), PortRef.of("output_high")),
                    List.of(new OutputPort(0, w.shape(), ElementType.F32, List.of())), null);
            quantizedWeights = PortRef.of("weights/fq");
        }
        List<PortRef> opInputs = new ArrayList<>(inputsOf(op));
        opInputs.set(0, PortRef.of("input"));
        opInputs.set(1, quantizedWeights);
        b.add(op.name(), op.kind(), op.nativeType(), op.attributes(), opInputs, op.outputs(), null);
        b.add("output", OpKinds.RESULT, null, null, List.of(new PortRef(op.name(), 0)), List.of(), null);
        engine.setModel(new GraphModel("fast_bias_correction/" + t.op(), b.build()));
        int axis = t.inputChannelAxis() < 0 ? inShape.rank() + t.inputChannelAxis() : t.inputChannelAxis();
        float[] x = new float[(int) inShape.elementCount()];
        long inner = 1;
        for (int i = axis + 1; i < inShape.rank(); i++) {
            inner *= inShape.dim(i);
        }
        long channels = inShape.dim(axis);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) xMean[xMean.length == 1 ? 0 : (int) ((i / inner) % channels)];
        }
        Tensor y = engine.infer(Map.of("input", Tensor.ofFloats(inShape, x))).values().iterator().next();
        return channelMeans(y, t.outputChannelAxis());
    }

    private static Tensor halved(Tensor w) {
        float[] v = w.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] /= 2;
        }
        return Tensor.ofFloats(w.shape(), v);
    }

    private static List<PortRef> inputsOf(Node n) {
        List<PortRef> ins = new ArrayList<>();
        for (int i = 0; i < n.inputCount(); i++) {
            ins.add(n.input(i).orElse(null));
        }
        return ins;
    }

    /** The mean of every channel of {@code y} over all other axes. */
    static double[] channelMeans(Tensor y, int channelAxis) {
        Shape s = y.shape();
        int axis = channelAxis < 0 ? s.rank() + channelAxis : channelAxis;
        int channels = (int) s.dim(axis);
        long inner = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            inner *= s.dim(i);
        }
        float[] v = y.toFloatArray();
        double[] sum = new double[channels];
        for (int i = 0; i < v.length; i++) {
            sum[(int) ((i / inner) % channels)] += v[i];
        }
        double per = (double) v.length / channels;
        for (int c = 0; c < channels; c++) {
            sum[c] /= per;
        }
        return sum;
    }

}
