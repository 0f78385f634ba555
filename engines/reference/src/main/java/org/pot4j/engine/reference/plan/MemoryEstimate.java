package org.pot4j.engine.reference.plan;

import java.util.Arrays;
import java.util.List;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.tensor.Shape;
import org.pot4j.engine.reference.runtime.Value;

/**
 * The heap one inference of a {@link CompiledGraph} needs at a batch size, worked out from the declared port shapes
 * before anything is allocated: the steps are walked in order, each output is allocated when its step runs and freed
 * after its last reader (model outputs and inputs stay), and the peak of what is alive is the activation estimate.
 * Folded constants (the weights the plan holds) are counted apart, they are already on the heap.
 *
 * <p>Floats take 4 bytes, integers 8 (the engine computes them as longs). Dims declared dynamic count as the batch on
 * axis 0 and as 1 elsewhere; a static leading dim equal to the model's declared batch scales with the batch. Not
 * counted: kernels' scratch buffers (im2col, packed GEMM panels), so the estimate is a lower bound of the real peak
 * but the right order of magnitude, which is what refusing a model that cannot fit needs.
 */
public final class MemoryEstimate {
    /** The longest Java array: a tensor with more elements cannot exist in this engine. */
    public static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    private final long batch;
    private final double activationBytes;
    private final long weightBytes;
    private final Node largestNode;
    private final long[] largestDims;
    private final double largestElements;
    private final double largestBytes;

    private MemoryEstimate(long batch, double activationBytes, long weightBytes, Node largestNode, long[] largestDims,
                           double largestElements, double largestBytes) {
        this.batch = batch;
        this.activationBytes = activationBytes;
        this.weightBytes = weightBytes;
        this.largestNode = largestNode;
        this.largestDims = largestDims;
        this.largestElements = largestElements;
        this.largestBytes = largestBytes;
    }

    /**
     * The estimate for one inference at {@code batch}.
     *
     * @param countInputs whether the model inputs are still to be allocated (at {@code setModel}); at inference
     *                    time the caller's input tensors already exist
     */
    public static MemoryEstimate of(CompiledGraph graph, long batch, boolean countInputs) {
        Sizes sizes = new Sizes(graph.constants.length, batch, declaredBatch(graph));
        boolean[] kept = new boolean[graph.constants.length];
        for (CompiledGraph.Output o : graph.outputs) {
            kept[o.slot()] = true;
        }
        double live = 0;
        for (CompiledGraph.Input in : graph.inputs) {
            sizes.measure(in.node(), 0, in.slot());
            kept[in.slot()] = true;
            live += countInputs ? sizes.bytes[in.slot()] : 0;
        }
        List<Step> steps = graph.steps;
        int[] lastUse = new int[graph.constants.length];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < steps.size(); i++) {
            for (int s : steps.get(i).inputs()) {
                if (s >= 0) {
                    lastUse[s] = i;
                }
            }
        }
        double peak = live;
        for (int i = 0; i < steps.size(); i++) {
            Step st = steps.get(i);
            for (int p = 0; p < st.outputs().length; p++) {
                sizes.measure(st.node(), p, st.outputs()[p]);
                live += sizes.bytes[st.outputs()[p]];
            }
            peak = Math.max(peak, live);
            // released after their last reader, as GraphExecutor does; an output nobody reads right away
            for (int s : st.inputs()) {
                if (s >= 0 && lastUse[s] == i && !kept[s] && graph.constants[s] == null) {
                    live -= sizes.bytes[s];
                }
            }
            for (int s : st.outputs()) {
                if (lastUse[s] < 0 && !kept[s]) {
                    live -= sizes.bytes[s];
                }
            }
        }
        int largest = -1;
        for (int s = 0; s < sizes.bytes.length; s++) {
            if (sizes.producer[s] != null && (largest < 0 || sizes.bytes[s] > sizes.bytes[largest])) {
                largest = s;
            }
        }
        return new MemoryEstimate(batch, peak, weightBytes(graph), largest < 0 ? null : sizes.producer[largest],
                largest < 0 ? new long[0] : sizes.dims[largest], largest < 0 ? 0 : sizes.elements[largest],
                largest < 0 ? 0 : sizes.bytes[largest]);
    }

    /** The size of every non-constant slot at one batch size, from the declared output shapes. */
    private static final class Sizes {
        final double[] bytes;
        final double[] elements;
        final long[][] dims;
        final Node[] producer;
        final long batch;
        final long declaredBatch;

        Sizes(int slots, long batch, long declaredBatch) {
            this.bytes = new double[slots];
            this.elements = new double[slots];
            this.dims = new long[slots][];
            this.producer = new Node[slots];
            this.batch = batch;
            this.declaredBatch = declaredBatch;
        }

        void measure(Node node, int port, int slot) {
            OutputPort out = node.outputs().get(port);
            long[] d = out.shape().dims();
            boolean scale = d.length >= 2 && d[0] == declaredBatch;
            double n = 1;
            for (int i = 0; i < d.length; i++) {
                if (d[i] == Shape.DYNAMIC) {
                    d[i] = i == 0 ? batch : 1;
                } else if (i == 0 && scale) {
                    d[i] = batch;
                }
                n *= d[i];
            }
            producer[slot] = node;
            dims[slot] = d;
            elements[slot] = n;
            bytes[slot] = n * (out.elementType().isFloatingPoint() ? 4 : 8);
        }
    }

    /** The batch the model declares: its first input's leading dim, 1 when that is dynamic or absent. */
    public static long declaredBatch(CompiledGraph graph) {
        if (graph.inputs.isEmpty()) {
            return 1;
        }
        Shape s = graph.inputs.get(0).node().output(0).shape();
        return s.rank() == 0 || s.dim(0) == Shape.DYNAMIC || s.dim(0) < 1 ? 1 : s.dim(0);
    }

    private static long weightBytes(CompiledGraph graph) {
        long total = 0;
        for (Value v : graph.constants) {
            if (v != null) {
                total += (long) v.size() * (v.isFloat() ? 4 : 8);
            }
        }
        return total;
    }

    /** The batch size this estimate is for. */
    public long batch() {
        return batch;
    }

    /** The peak bytes of values alive at once during one inference (model inputs included when asked). */
    public double activationBytes() {
        return activationBytes;
    }

    /** The bytes of the folded constants the plan holds. */
    public long weightBytes() {
        return weightBytes;
    }

    /** The node whose output is the largest tensor of the inference, or null for an empty graph. */
    public Node largestNode() {
        return largestNode;
    }

    /** The dims of the largest tensor at this batch size. */
    public long[] largestDims() {
        return largestDims.clone();
    }

    /** The element count of the largest tensor. */
    public double largestElements() {
        return largestElements;
    }

    /** The bytes of the largest tensor. */
    public double largestBytes() {
        return largestBytes;
    }
}
