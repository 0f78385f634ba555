package org.pot4j.onnx.quantization;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.view.OnnxAttributes;

/**
 * Lays the QuantizeLinear/DequantizeLinear pairs DefaultQuantization inserted out as the units ONNX Runtime's CPU
 * provider runs as integer kernels ({@code DQ -> op -> Q}; ORT_QDQ_FUSION.md), without changing a value the model
 * computes. Every rewrite is exact:
 * <ol>
 *   <li><b>uint8 activations</b>: an int8 activation quantizer becomes uint8 with its zero point moved by 128 (same
 *       levels, same dequantized values). On x86 ONNX Runtime runs int8 activations only through a rewrite to uint8
 *       that fails as soon as one QuantizeLinear feeds two DequantizeLinear (any branch).</li>
 *   <li><b>Activations the quantizer makes redundant</b>: a Relu before a QuantizeLinear whose zero point is the type
 *       minimum, or a Clip whose bounds contain everything the quantizer can represent, is removed, so the producing
 *       op's output feeds the QuantizeLinear directly (ORT's own quantizer does the same).</li>
 *   <li><b>One quantizer per tensor</b>: QuantizeLinear nodes of one tensor with equal parameters are merged.</li>
 *   <li><b>Quantizers carried through value-moving ops</b>: the output of MaxPool, Reshape, Transpose, Flatten,
 *       Squeeze, Unsqueeze, Slice, Gather, Split, DepthToSpace, SpaceToDepth, nearest Resize, and of a Concat whose
 *       inputs share one quantizer (constants on its grid, such as channel-padding zeros, get it too), holds values of
 *       its dequantized input only, so a QuantizeLinear/DequantizeLinear
 *       pair with the input's parameters is exact there; it lets the op run on integers and gives the ops after it a
 *       quantized input. A Conv/ConvTranspose/Gemm with float weights (left in float on purpose) keeps reading the
 *       float output: ONNX Runtime would quantize its weights per tensor once it read a DequantizeLinear.</li>
 *   <li><b>int32 bias</b>: the float bias of a Conv (or Gemm) that becomes an integer unit is stored as int32 with scale
 *       {@code input scale x weight scale} and zero point 0, the form the integer kernels read.</li>
 * </ol>
 * Per-channel activation quantizers (only when a user asks for them) are left as they are: ONNX Runtime keeps such
 * ops in float.
 */
public final class OnnxQdqLayout {
    private static final System.Logger LOG = System.getLogger(OnnxQdqLayout.class.getName());
    /** Ops whose outputs hold values of their (first) input only, so the input's quantizer is exact on the output. */
    private static final Set<String> VALUE_MOVING = Set.of("MaxPool", "Reshape", "Transpose", "Flatten", "Squeeze",
            "Unsqueeze", "Slice", "Gather", "Split", "DepthToSpace", "SpaceToDepth", "Resize", "Concat");
    /** Ops ONNX Runtime's CPU provider runs on integers when their inputs come from DequantizeLinear. */
    private static final Set<String> INTEGER_CAPABLE = Set.of("Conv", "MatMul", "Gemm", "Add", "Mul", "Concat",
            "AveragePool", "GlobalAveragePool", "LeakyRelu", "Sigmoid", "Softmax", "MaxPool", "Reshape", "Transpose",
            "Flatten", "Squeeze", "Unsqueeze", "Slice", "Gather", "Split", "Resize", "ReduceMax", "ReduceMin",
            "ArgMax", "Expand", "Tile", "GatherElements", "Where");

    private final QdqGraph graph;
    private final Report report = new Report();

    private OnnxQdqLayout(QdqGraph graph) {
        this.graph = graph;
    }

    /** What the layout changed, for the log. */
    public static final class Report {
        int unsigned;
        int activationsRemoved;
        int merged;
        int carried;
        int biases;

        @Override
        public String toString() {
            return unsigned + " int8 activation quantizers made uint8, " + activationsRemoved
                    + " Relu/Clip made redundant by their quantizer removed, " + merged + " duplicate quantizers merged, "
                    + carried + " quantizers carried through value-moving ops, " + biases + " biases stored as int32";
        }
    }

    /** Lays out the QDQ pairs of {@code g} in place. */
    public static Report apply(GraphProto.Builder g, OnnxExternalData external) {
        QdqGraph graph = new QdqGraph(g, external);
        OnnxQdqLayout layout = new OnnxQdqLayout(graph);
        layout.unsignedActivations();
        layout.mergeDuplicateQuantizers();
        layout.removeRedundantActivations();
        layout.mergeDuplicateQuantizers();
        layout.carryThroughValueMovingOps();
        layout.int32Biases();
        graph.writeBack();
        LOG.log(System.Logger.Level.DEBUG, "QDQ layout: {0}", layout.report);
        return layout.report;
    }

    // ---- 1. uint8 activations ----------------------------------------------------------------------------------

    private void unsignedActivations() {
        for (int i = 0; i < graph.size(); i++) {
            NodeProto q = graph.node(i);
            if (!q.getOpType().equals("QuantizeLinear") || q.getInputCount() < 3 || graph.isConstant(q.getInput(0))) {
                continue;
            }
            Optional<Tensor> zp = graph.constant(q.getInput(2));
            if (zp.isEmpty() || zp.get().elementType() != ElementType.I8) {
                continue;
            }
            List<NodeProto> dqs = graph.readers(q.getOutput(0));
            boolean onlyDequantized = !graph.isGraphOutput(q.getOutput(0)) && dqs.stream().allMatch(d ->
                    d.getOpType().equals("DequantizeLinear") && d.getInput(0).equals(q.getOutput(0))
                            && d.getInputCount() >= 3 && d.getInput(2).equals(q.getInput(2)));
            if (!onlyDequantized) {
                continue;
            }
            float[] z = zp.get().toFloatArray();
            for (int c = 0; c < z.length; c++) {
                z[c] += 128;
            }
            String u8 = graph.addInitializer(q.getInput(2) + "_u8", Tensor.fromFloats(ElementType.U8, zp.get().shape(), z));
            graph.replace(q, q.toBuilder().setInput(2, u8).build());
            for (NodeProto d : dqs) {
                graph.replace(d, d.toBuilder().setInput(2, u8).build());
            }
            report.unsigned++;
        }
    }

    // ---- 2. Relu/Clip made redundant by the quantizer after it -------------------------------------------------

    private void removeRedundantActivations() {
        for (int i = 0; i < graph.size(); i++) {
            NodeProto act = graph.node(i);
            if (!act.getOpType().equals("Relu") && !act.getOpType().equals("Clip")) {
                continue;
            }
            String in = act.getInput(0);
            String out = act.getOutput(0);
            List<NodeProto> qs = graph.readers(out);
            if (qs.isEmpty() || graph.isGraphOutput(out) || graph.isGraphOutput(in) || graph.producer(in).isEmpty()
                    || graph.readers(in).size() != 1) {
                continue;
            }
            boolean redundant = true;
            for (NodeProto q : qs) {
                Optional<PerTensorQuantizer> p = PerTensorQuantizer.of(q, graph);
                redundant &= q.getOpType().equals("QuantizeLinear") && p.isPresent() && clipBounds(act)
                        .map(b -> p.get().representsNothingOutside(b[0], b[1])).orElse(false);
            }
            if (!redundant) {
                continue;
            }
            graph.remove(act);
            graph.rewireReaders(out, in, Set.of());
            report.activationsRemoved++;
            i--;
        }
    }

    /** The [min, max] an activation keeps (Relu: [0, +inf]); empty when the bounds are not constants. */
    private Optional<double[]> clipBounds(NodeProto act) {
        if (act.getOpType().equals("Relu")) {
            return Optional.of(new double[] {0, Double.POSITIVE_INFINITY});
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        OnnxAttributes attributes = OnnxAttributes.of(act);
        if (attributes.has("min") || attributes.has("max")) {
            lo = attributes.floatValue("min", lo);
            hi = attributes.floatValue("max", hi);
        }
        for (int k = 1; k <= 2 && k < act.getInputCount(); k++) {
            if (act.getInput(k).isEmpty()) {
                continue;
            }
            Optional<Tensor> bound = graph.constant(act.getInput(k));
            if (bound.isEmpty() || bound.get().elementCount() != 1) {
                return Optional.empty();
            }
            if (k == 1) {
                lo = bound.get().getFloat(0);
            } else {
                hi = bound.get().getFloat(0);
            }
        }
        return Optional.of(new double[] {lo, hi});
    }

    // ---- 3. one quantizer per tensor ---------------------------------------------------------------------------

    private void mergeDuplicateQuantizers() {
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < graph.size(); i++) {
                NodeProto a = graph.node(i);
                if (!a.getOpType().equals("QuantizeLinear")) {
                    continue;
                }
                for (NodeProto b : graph.readers(a.getInput(0))) {
                    if (b != a && b.getOpType().equals("QuantizeLinear") && sameParameters(a, b)
                            && !graph.isGraphOutput(b.getOutput(0))) {
                        graph.remove(b);
                        graph.rewireReaders(b.getOutput(0), a.getOutput(0), Set.of());
                        report.merged++;
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        // the DequantizeLinear nodes of one quantizer with equal parameters are one too
        changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < graph.size(); i++) {
                NodeProto a = graph.node(i);
                if (!a.getOpType().equals("DequantizeLinear") || graph.isConstant(a.getInput(0))) {
                    continue;
                }
                for (NodeProto b : graph.readers(a.getInput(0))) {
                    if (b != a && b.getOpType().equals("DequantizeLinear") && sameParameters(a, b)
                            && !graph.isGraphOutput(b.getOutput(0))) {
                        graph.remove(b);
                        graph.rewireReaders(b.getOutput(0), a.getOutput(0), Set.of());
                        changed = true;
                        break outer;
                    }
                }
            }
        }
    }

    /** Same scale, zero point and axis (by value), inputs 1.. of two Q or two DQ nodes. */
    private boolean sameParameters(NodeProto a, NodeProto b) {
        if (a.getInputCount() != b.getInputCount()
                || OnnxAttributes.of(a).longValue("axis", 1) != OnnxAttributes.of(b).longValue("axis", 1)) {
            return false;
        }
        for (int k = 1; k < a.getInputCount(); k++) {
            if (a.getInput(k).equals(b.getInput(k))) {
                continue;
            }
            Optional<Tensor> x = graph.constant(a.getInput(k));
            Optional<Tensor> y = graph.constant(b.getInput(k));
            if (x.isEmpty() || y.isEmpty() || !x.get().contentEquals(y.get())) {
                return false;
            }
        }
        return true;
    }

    // ---- 4. quantizers carried through ops that only move values ----------------------------------------------

    private void carryThroughValueMovingOps() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < graph.size() && !changed; i++) {
                NodeProto op = graph.node(i);
                if (!VALUE_MOVING.contains(op.getOpType())) {
                    continue;
                }
                Optional<NodeProto> dq = sharedDequantizer(op);
                if (dq.isEmpty() || !nearestIfResize(op)) {
                    continue;
                }
                for (String out : op.getOutputList()) {
                    // after a carry the op is the same node; its other outputs are carried in the next round
                    if (carry(op, out, dq.get())) {
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * The DequantizeLinear whose values reach {@code op}'s data inputs (every input of a Concat, with equal
     * parameters; a Concat may also join constants its grid represents exactly, such as the zeros a channel padding
     * adds), when it is per tensor.
     */
    private Optional<NodeProto> sharedDequantizer(NodeProto op) {
        boolean concat = op.getOpType().equals("Concat");
        int dataInputs = concat ? op.getInputCount() : 1;
        NodeProto first = null;
        for (int k = 0; k < dataInputs; k++) {
            if (concat && graph.isConstant(op.getInput(k))) {
                continue;
            }
            Optional<NodeProto> p = graph.producer(op.getInput(k));
            if (p.isEmpty() || !p.get().getOpType().equals("DequantizeLinear")
                    || PerTensorQuantizer.of(p.get(), graph).isEmpty() || graph.isConstant(p.get().getInput(0))) {
                return Optional.empty();
            }
            if (first == null) {
                first = p.get();
            } else if (!sameParameters(first, p.get())) {
                return Optional.empty();
            }
        }
        for (int k = 0; concat && first != null && k < dataInputs; k++) {
            if (graph.isConstant(op.getInput(k)) && onGrid(graph.constant(op.getInput(k)).orElseThrow(), first).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(first);
    }

    /** {@code value} quantized by {@code dq}'s parameters when every value is exactly on its grid, else empty. */
    private Optional<Tensor> onGrid(Tensor value, NodeProto dq) {
        PerTensorQuantizer p = PerTensorQuantizer.of(dq, graph).orElseThrow();
        if (value.elementType() != ElementType.F32) {
            return Optional.empty();
        }
        float[] v = value.toFloatArray();
        float[] q = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            double level = Math.rint(v[i] / p.scale()) + p.zeroPoint();
            if (level < p.qmin() || level > p.qmax() || (float) ((level - p.zeroPoint()) * (float) p.scale()) != v[i]) {
                return Optional.empty();
            }
            q[i] = (float) level;
        }
        return Optional.of(Tensor.fromFloats(p.qmin() < 0 ? ElementType.I8 : ElementType.U8, value.shape(), q));
    }

    /**
     * {@code op} (a Concat) with each constant input replaced by its integer levels behind a DequantizeLinear with
     * {@code dq}'s parameters (exact: {@link #sharedDequantizer} checked they are on the grid), so every input of the
     * Concat is quantized and ONNX Runtime can run it as QLinearConcat.
     */
    private NodeProto dequantizedConstants(NodeProto op, NodeProto dq) {
        if (!op.getOpType().equals("Concat")) {
            return op;      // other ops' constant inputs are shapes, axes and bounds, not values
        }
        NodeProto.Builder b = op.toBuilder();
        List<NodeProto> added = new java.util.ArrayList<>();
        for (int k = 0; k < op.getInputCount(); k++) {
            if (!graph.isConstant(op.getInput(k))) {
                continue;
            }
            Tensor levels = onGrid(graph.constant(op.getInput(k)).orElseThrow(), dq).orElseThrow();
            String base = op.getInput(k) + "/on_grid";
            String integer = graph.addInitializer(base, levels);
            String out = graph.uniqueName(base + "/dequantized");
            NodeProto.Builder d = NodeProto.newBuilder().setOpType("DequantizeLinear")
                    .setName(graph.uniqueName(base + "/dequantize")).addInput(integer).addInput(dq.getInput(1))
                    .addOutput(out);
            if (dq.getInputCount() >= 3) {
                d.addInput(dq.getInput(2));
            }
            added.add(d.build());
            b.setInput(k, out);
        }
        if (added.isEmpty()) {
            return op;
        }
        NodeProto replaced = b.build();
        graph.replace(op, replaced);
        graph.insertAfter(dq, added);
        for (String input : op.getInputList()) {
            // a ConstantOfShape that only fed the replaced input is dead now
            graph.producer(input).filter(p -> p.getOpType().equals("ConstantOfShape") && graph.readers(input).isEmpty()
                    && !graph.isGraphOutput(input)).ifPresent(graph::remove);
        }
        return replaced;
    }

    /**
     * True for a Conv, ConvTranspose or Gemm whose weight is a float constant (not dequantized): an op the quantization
     * left in float (ignored scope, a reverted layer). ONNX Runtime quantizes such an op's weights per tensor itself
     * ({@code WeightBiasQuantization}) as soon as its input comes from a DequantizeLinear, so it must not be given one.
     */
    private boolean keptInFloat(NodeProto reader) {
        if (!Set.of("Conv", "ConvTranspose", "Gemm").contains(reader.getOpType()) || reader.getInputCount() < 2) {
            return false;
        }
        return graph.isConstant(reader.getInput(1));     // a quantized weight is a DequantizeLinear output
    }

    private static boolean nearestIfResize(NodeProto op) {
        return !op.getOpType().equals("Resize") || OnnxAttributes.of(op).string("mode", "nearest").equals("nearest");
    }

    /**
     * Puts a Q/DQ pair with {@code dq}'s parameters on {@code out} when a reader could use it; true when it did. Readers
     * left in float on purpose ({@link #keptInFloat}) go on reading {@code out}.
     */
    private boolean carry(NodeProto op, String out, NodeProto dq) {
        List<NodeProto> readers = graph.readers(out);
        Set<NodeProto> floatReaders = new HashSet<>();
        readers.stream().filter(this::keptInFloat).forEach(floatReaders::add);
        boolean quantizedAlready = readers.stream().anyMatch(r -> r.getOpType().equals("QuantizeLinear"));
        boolean useful = readers.stream().anyMatch(r -> INTEGER_CAPABLE.contains(r.getOpType())
                && !floatReaders.contains(r));
        if (readers.isEmpty() || quantizedAlready || !useful || graph.isGraphOutput(out)) {
            return false;
        }
        op = dequantizedConstants(op, dq);
        String base = graph.uniqueName(out + "/carried");
        String quantized = graph.uniqueName(base + "/quantized");
        String dequantized = graph.uniqueName(base + "/dequantized");
        NodeProto.Builder q = NodeProto.newBuilder().setOpType("QuantizeLinear").setName(graph.uniqueName(base + "/quantize"))
                .addInput(out).addInput(dq.getInput(1)).addOutput(quantized);
        NodeProto.Builder d = NodeProto.newBuilder().setOpType("DequantizeLinear")
                .setName(graph.uniqueName(base + "/dequantize")).addInput(quantized).addInput(dq.getInput(1))
                .addOutput(dequantized);
        if (dq.getInputCount() >= 3) {
            q.addInput(dq.getInput(2));
            d.addInput(dq.getInput(2));
        }
        graph.insertAfter(op, List.of(q.build(), d.build()));
        NodeProto inserted = graph.producer(quantized).orElseThrow();
        Set<NodeProto> keep = new HashSet<>(floatReaders);
        keep.add(inserted);
        graph.rewireReaders(out, dequantized, keep);
        report.carried++;
        return true;
    }

    // ---- 5. int32 bias -----------------------------------------------------------------------------------------

    private void int32Biases() {
        for (int i = 0; i < graph.size(); i++) {
            NodeProto op = graph.node(i);
            boolean conv = op.getOpType().equals("Conv");
            boolean gemm = op.getOpType().equals("Gemm");
            if (!(conv || gemm) || op.getInputCount() < 3 || op.getInput(2).isEmpty()) {
                continue;
            }
            if (gemm && OnnxAttributes.of(op).floatValue("beta", 1.0) != 1.0) {
                continue;
            }
            Optional<Tensor> bias = graph.constant(op.getInput(2));
            Optional<NodeProto> xq = graph.producer(op.getInput(0));
            Optional<NodeProto> wq = graph.producer(op.getInput(1));
            if (bias.isEmpty() || bias.get().elementType() != ElementType.F32 || bias.get().shape().rank() != 1
                    || xq.isEmpty() || !xq.get().getOpType().equals("DequantizeLinear")
                    || wq.isEmpty() || !wq.get().getOpType().equals("DequantizeLinear") || !(gemm || becomesIntegerUnit(op))) {
                continue;
            }
            Optional<PerTensorQuantizer> x = PerTensorQuantizer.of(xq.get(), graph);
            Optional<Tensor> wScale = graph.constant(wq.get().getInput(1));
            if (x.isEmpty() || wScale.isEmpty()) {
                continue;
            }
            int n = (int) bias.get().elementCount();
            long wAxis = OnnxAttributes.of(wq.get()).longValue("axis", 1);
            long expectedAxis = conv ? 0 : OnnxAttributes.of(op).longValue("transB", 0) == 1 ? 0 : 1;
            float[] ws = wScale.get().toFloatArray();
            if (ws.length != 1 && (ws.length != n || wAxis != expectedAxis)) {
                continue;
            }
            float[] scale = new float[ws.length];
            float[] b = bias.get().toFloatArray();
            int[] q = new int[n];
            boolean fits = true;
            for (int c = 0; c < n; c++) {
                float s = (float) x.get().scale() * ws[ws.length == 1 ? 0 : c];
                scale[ws.length == 1 ? 0 : c] = s;
                double v = s == 0 ? 0 : Math.rint(b[c] / (double) s);
                fits &= Math.abs(v) <= Integer.MAX_VALUE;
                q[c] = (int) v;
            }
            if (!fits) {
                LOG.log(System.Logger.Level.INFO, "QDQ layout: the bias of ''{0}'' does not fit int32 at scale "
                        + "input x weight; kept in float", op.getName());
                continue;
            }
            Shape shape = ws.length == 1 ? Shape.SCALAR : Shape.of(n);
            String base = op.getInput(2);
            String values = graph.addInitializer(base + "/int32", Tensor.ofInts(Shape.of(n), q));
            String scaleName = graph.addInitializer(base + "/int32_scale", Tensor.ofFloats(shape, scale));
            String zero = graph.addInitializer(base + "/int32_zero_point", Tensor.zeros(ElementType.I32, shape));
            String dequantized = graph.uniqueName(base + "/int32_dequantized");
            NodeProto.Builder d = NodeProto.newBuilder().setOpType("DequantizeLinear")
                    .setName(graph.uniqueName(base + "/int32_dequantize")).addInput(values).addInput(scaleName)
                    .addInput(zero).addOutput(dequantized);
            if (ws.length != 1) {
                d.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(0));
            }
            NodeProto replaced = op.toBuilder().setInput(2, dequantized).build();
            graph.replace(op, replaced);
            graph.insertAfter(xq.get(), List.of(d.build()));
            report.biases++;
        }
    }

    /** True when {@code op}'s output goes to exactly one QuantizeLinear and nowhere else (the unit ORT fuses). */
    private boolean becomesIntegerUnit(NodeProto op) {
        String out = op.getOutput(0);
        List<NodeProto> readers = graph.readers(out);
        return readers.size() == 1 && readers.get(0).getOpType().equals("QuantizeLinear") && !graph.isGraphOutput(out);
    }

    /** A per-tensor quantizer's parameters: scalar scale and zero point, with the integer type's bounds. */
    record PerTensorQuantizer(double scale, double zeroPoint, double qmin, double qmax) {
        static Optional<PerTensorQuantizer> of(NodeProto qOrDq, QdqGraph graph) {
            if (qOrDq.getInputCount() < 2) {
                return Optional.empty();
            }
            Optional<Tensor> s = graph.constant(qOrDq.getInput(1));
            if (s.isEmpty() || s.get().elementCount() != 1) {
                return Optional.empty();
            }
            Optional<Tensor> z = qOrDq.getInputCount() >= 3 && !qOrDq.getInput(2).isEmpty()
                    ? graph.constant(qOrDq.getInput(2)) : Optional.of(Tensor.zeros(ElementType.U8, Shape.SCALAR));
            if (z.isEmpty() || z.get().elementCount() != 1) {
                return Optional.empty();
            }
            ElementType type = z.get().elementType();
            if (type != ElementType.U8 && type != ElementType.I8) {
                return Optional.empty();
            }
            return Optional.of(new PerTensorQuantizer(s.get().getFloat(0), z.get().getFloat(0),
                    type == ElementType.U8 ? 0 : -128, type == ElementType.U8 ? 255 : 127));
        }

        /**
         * True when clamping to [lo, hi] before this quantizer changes no quantized value: everything below {@code lo}
         * and {@code lo} itself quantize to the lowest level, everything above {@code hi} and {@code hi} itself to the
         * highest (ONNX Runtime's rule, rounding-aware).
         */
        boolean representsNothingOutside(double lo, double hi) {
            // the top bound is strict: a value exactly half a level below the highest rounds to even (qmax is odd)
            return lo <= (qmin - zeroPoint + 0.5) * scale && hi > (qmax - zeroPoint - 0.5) * scale;
        }
    }
}
