package org.pot4j.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.SerializedModel.ObservedCopy;
import org.pot4j.api.model.SerializedModel.ObservedOutput;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * Adds outputs for observed ports to a document: a port's tensor as it is, or {@link Reduction}s of it computed by
 * nodes added to the graph (POT's inplace statistics), so that a runtime hands over {@code [N]} or {@code [N, C]}
 * values instead of whole activations. Over every axis but 0 (per tensor), or but 0 and the channel axis (per
 * channel), with {@code keepdims} 0:
 * <ul>
 * <li>MIN, MAX: ReduceMin, ReduceMax (f16 and bf16 tensors cast to f32 first);</li>
 * <li>ABS_MAX: {@code Max(ReduceMax(x), Neg(ReduceMin(x)))}, which is max |x| exactly, shares the ReduceMin/ReduceMax
 *     of MIN and MAX at the same port, and needs no {@code Abs} copy of the tensor;</li>
 * <li>MEAN: ReduceMean of the tensor cast to f64, so that sums over large tensors keep their precision.</li>
 * <li>QUANTILE, ABS_QUANTILE ({@link OnnxQuantileNodes}): the few order statistics numpy's linear quantile needs, by
 *     TopK over the reduced elements (Abs first for ABS_QUANTILE), interpolated in f64; only where the reduced axes
 *     have static sizes and at most {@link OnnxQuantileNodes#MAX_K} values are kept per row; otherwise the port is
 *     handed over whole.</li>
 * </ul>
 * The axes are an attribute before opset 18 and an input from 18 on (ReduceMin/Max/Mean-18). Every added name is one
 * the document does not use ({@link OnnxUnusedNames}).
 */
final class OnnxObservedOutputs {
    /** The first default-domain opset whose ReduceMin/ReduceMax/ReduceMean take the axes as an input. */
    private static final long AXES_AS_INPUT = 18;

    private final String description;
    private final Graph view;
    private final boolean axesAsInput;
    private final GraphProto.Builder graph;
    private final OnnxUnusedNames names;
    private final Set<String> outputs = new HashSet<>();
    /** What was added, by what it computes: each value is made once however many ports or reductions need it. */
    private final Map<String, String> made = new HashMap<>();
    private final OnnxQuantileNodes quantiles;

    private OnnxObservedOutputs(String description, ModelProto proto, Graph view) {
        this.description = description;
        this.view = view;
        this.axesAsInput = OnnxReader.defaultOpset(proto) >= AXES_AS_INPUT;
        this.graph = proto.getGraph().toBuilder();
        this.names = new OnnxUnusedNames(proto.getGraph());
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
        this.quantiles = new OnnxQuantileNodes(this, OnnxReader.defaultOpset(proto));
    }

    /**
     * {@code proto} with outputs for {@code ports}.
     *
     * @param description the model in messages
     * @param view        the model's graph view: the tensor names, ranks and element types of the ports
     * @throws IllegalArgumentException naming a port without an ONNX tensor, or a reduction its rank does not take
     */
    static ObservedCopy add(String description, ModelProto proto, Graph view, Map<PortRef, Set<Reduction>> ports) {
        OnnxObservedOutputs o = new OnnxObservedOutputs(description, proto, view);
        List<ObservedOutput> observed = new ArrayList<>();
        ports.forEach((port, reductions) -> {
            OutputPort info = o.portInfo(port);
            String tensor = o.tensorOf(port, info);
            if (reductions.isEmpty()) {
                observed.add(new ObservedOutput(o.output(tensor), port, Optional.empty()));
                return;
            }
            int rank = info.shape().rank();
            for (Reduction r : reductions) {
                if (!r.appliesToRank(rank)) {
                    throw new IllegalArgumentException(description + ": " + r + " does not apply to " + port
                            + ", a tensor of rank " + rank);
                }
            }
            if (!reductions.stream().allMatch(r -> o.quantiles.computes(r, info.shape()))) {
                observed.add(new ObservedOutput(o.output(tensor), port, Optional.empty()));
                return;
            }
            for (Reduction r : reductions) {
                String value = o.reduction(tensor, info, r, rank);
                observed.add(new ObservedOutput(o.output(value), port, Optional.of(r)));
            }
        });
        ModelProto copy = proto.toBuilder().setGraph(o.graph).build();
        return new ObservedCopy(copy.toByteArray(), observed);
    }

    private OutputPort portInfo(PortRef port) {
        try {
            return view.outputPort(port);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(description + ": " + port + " is not an output port of the model", e);
        }
    }

    /** The ONNX tensor of a view port: the first tensor name the view gave it. */
    private String tensorOf(PortRef port, OutputPort info) {
        if (info.tensorNames().isEmpty()) {
            throw new IllegalArgumentException(description + ": " + port + " (" + view.requireNode(port.node()).kind()
                    + ") exists only in pot4j's view (no ONNX tensor carries it, e.g. a Conv before its bias); observe "
                    + "the node's ONNX output instead");
        }
        return info.tensorNames().get(0);
    }

    /** {@code tensor} as a graph output (a name-only one: the runtime infers its type, as its own calibrators do). */
    private String output(String tensor) {
        if (outputs.add(tensor)) {
            graph.addOutput(ValueInfoProto.newBuilder().setName(tensor));
        }
        return tensor;
    }

    private String reduction(String tensor, OutputPort info, Reduction r, int rank) {
        ElementType type = info.elementType();
        long[] axes = reducedAxes(r, rank);
        return switch (r.kind()) {
            case MIN -> reduce("ReduceMin", "min", floating(tensor, type), axes);
            case MAX -> reduce("ReduceMax", "max", floating(tensor, type), axes);
            case ABS_MAX -> once("abs_max", tensor, axes, () -> {
                String min = reduce("ReduceMin", "min", floating(tensor, type), axes);
                String negated = node("Neg", min + "/pot4j_neg", List.of(min));
                return node("Max", tensor + "/pot4j_abs_max" + suffix(axes), List.of(
                        reduce("ReduceMax", "max", floating(tensor, type), axes), negated));
            });
            case MEAN -> reduce("ReduceMean", "mean", cast(tensor, type, ElementType.F64), axes);
            case QUANTILE, ABS_QUANTILE -> quantiles.add(floating(tensor, type), info.shape(), r);
        };
    }

    /** Every axis but 0 (per tensor), or but 0 and the channel axis (per channel). */
    private static long[] reducedAxes(Reduction r, int rank) {
        int channel = r.isPerTensor() ? -1 : r.channelAxis(rank);
        long[] axes = new long[r.isPerTensor() ? rank - 1 : rank - 2];
        int k = 0;
        for (int a = 1; a < rank; a++) {
            if (a != channel) {
                axes[k++] = a;
            }
        }
        return axes;
    }

    /** {@code tensor} as f32 or f64, which ReduceMin/ReduceMax take on every runtime. */
    private String floating(String tensor, ElementType type) {
        return type == ElementType.F32 || type == ElementType.F64 ? tensor : cast(tensor, type, ElementType.F32);
    }

    String cast(String tensor, ElementType from, ElementType to) {
        if (from == to) {
            return tensor;
        }
        return once("cast", tensor, new long[] {onnxType(to)}, () -> {
            String out = node("Cast", tensor + "/pot4j_as_" + to.irName().toLowerCase(Locale.ROOT), List.of(tensor));
            setAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                    .setI(onnxType(to)));
            return out;
        });
    }

    private static int onnxType(ElementType type) {
        return type == ElementType.F64 ? TensorProto.DataType.DOUBLE_VALUE : TensorProto.DataType.FLOAT_VALUE;
    }

    /** {@code op} over {@code axes} of {@code input}, keepdims 0. */
    private String reduce(String op, String what, String input, long[] axes) {
        return once(what, input, axes, () -> {
            List<String> inputs = new ArrayList<>(List.of(input));
            if (axesAsInput) {
                inputs.add(axesConstant(axes));
            }
            String out = node(op, input + "/pot4j_" + what + suffix(axes), inputs);
            if (!axesAsInput) {
                AttributeProto.Builder a = AttributeProto.newBuilder().setName("axes")
                        .setType(AttributeProto.AttributeType.INTS);
                for (long axis : axes) {
                    a.addInts(axis);
                }
                setAttribute(a);
            }
            setAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT)
                    .setI(0));
            return out;
        });
    }

    /** A Constant node holding {@code axes} as an int64 vector (Reduce*-18's second input). */
    private String axesConstant(long[] axes) {
        return longs("axes", axes, true);
    }

    /** A Constant node holding {@code values} as an int64 vector, or a scalar when {@code vector} is false. */
    String longs(String what, long[] values, boolean vector) {
        return once(what + (vector ? "" : "_scalar"), "", values, () -> {
            TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE);
            if (vector) {
                t.addDims(values.length);
            }
            for (long v : values) {
                t.addInt64Data(v);
            }
            String out = node("Constant", "pot4j_" + what + suffix(values), List.of());
            setAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                    .setT(t));
            return out;
        });
    }

    /** A Constant node holding the f64 scalar {@code value}. */
    String doubleScalar(String what, double value) {
        return once(what, "", new long[] {Double.doubleToLongBits(value)}, () -> {
            TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.DOUBLE_VALUE)
                    .addDoubleData(value);
            String out = node("Constant", "pot4j_" + what, List.of());
            setAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                    .setT(t));
            return out;
        });
    }

    static String suffix(long[] axes) {
        StringBuilder b = new StringBuilder("_over");
        for (long axis : axes) {
            b.append('_').append(axis);
        }
        return b.toString();
    }

    /** The value {@code make} adds for ({@code what}, {@code input}, {@code axes}), added on first use only. */
    String once(String what, String input, long[] axes, Supplier<String> make) {
        String key = what + '\u0000' + input + '\u0000' + java.util.Arrays.toString(axes);
        String done = made.get(key);
        if (done == null) {
            done = make.get();
            made.put(key, done);
        }
        return done;
    }

    /** Appends a default-domain node with one output named after {@code base}; returns the output's name. */
    String node(String op, String base, List<String> inputs) {
        String out = names.fresh(base);
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(names.fresh(base + "/node")).addAllInput(inputs)
                .addOutput(out));
        return out;
    }

    /** Gives the node appended last one more output, named after {@code base}, which nothing reads. */
    void addOutputToLast(String base) {
        int last = graph.getNodeCount() - 1;
        graph.setNode(last, graph.getNode(last).toBuilder().addOutput(names.fresh(base)));
    }

    /** Adds an attribute to the node appended last. */
    void setAttribute(AttributeProto.Builder attribute) {
        int last = graph.getNodeCount() - 1;
        graph.setNode(last, graph.getNode(last).toBuilder().addAttribute(attribute));
    }
}
