package org.pot4j.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A hand-written engine for loop tests: its model is the identity, output {@code y} and every observed port show the
 * input. It batches or not, and computes reductions "in its runtime" when asked and allowed, as a real engine would.
 * Records every inference.
 */
final class ScriptedEngine implements Engine {
    private final boolean batches;
    private final boolean reducesInRuntime;
    private Model model;
    /** When set, an inference whose input holds this value fails. */
    Float failOn;
    final List<Tensor> inputs = new ArrayList<>();
    final List<Map<PortRef, Set<Reduction>>> observedPorts = new ArrayList<>();
    int reducedCalls;
    int wholeCalls;

    /**
     * @param batches          whether samples come stacked on a batch axis
     * @param reducesInRuntime whether requested reductions are computed here rather than handed over whole
     */
    ScriptedEngine(boolean batches, boolean reducesInRuntime) {
        this.batches = batches;
        this.reducesInRuntime = reducesInRuntime;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void setModel(Model m) {
        this.model = m;
    }

    @Override
    public Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public boolean batchesSamples() {
        return batches;
    }

    @Override
    public Map<String, Tensor> infer(Map<String, Tensor> in, PortObserver observer) {
        Tensor x = in.values().iterator().next();
        inputs.add(x);
        observedPorts.add(observer.ports());
        if (failOn != null) {
            for (float v : x.toFloatArray()) {
                if (v == failOn) {
                    throw new EngineException("the scripted runtime fails on " + v);
                }
            }
        }
        observer.ports().forEach((port, reductions) -> {
            int rank = x.shape().rank();
            if (reducesInRuntime && !reductions.isEmpty()
                    && reductions.stream().allMatch(r -> !r.kind().isQuantile() && r.appliesToRank(rank))) {
                for (Reduction r : reductions) {
                    reducedCalls++;
                    observer.reduced(port, r, reduce(r, x));
                }
            } else {
                wholeCalls++;
                observer.whole(port, x);
            }
        });
        return Map.of("y", x);
    }

    /** {@code r} of a batch: {@code [N]} per tensor, {@code [N, C]} per channel. */
    private static Tensor reduce(Reduction r, Tensor value) {
        long[] dims = value.shape().dims();
        int rank = dims.length;
        int samples = (int) dims[0];
        int axis = r.isPerTensor() ? 0 : r.channelAxis(rank);
        int channels = axis == 0 ? 1 : (int) dims[axis];
        int outer = 1;
        for (int i = 1; i < Math.max(axis, 1); i++) {
            outer *= (int) dims[i];
        }
        int inner = 1;
        for (int i = Math.max(axis + 1, 1); i < rank; i++) {
            inner *= (int) dims[i];
        }
        float[] data = value.toFloatArray();
        float[] out = new float[samples * channels];
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                double acc = switch (r.kind()) {
                    case MIN -> Double.POSITIVE_INFINITY;
                    case MAX -> Double.NEGATIVE_INFINITY;
                    default -> 0;
                };
                for (int o = 0; o < outer; o++) {
                    int base = n * outer * channels * inner + (o * channels + c) * inner;
                    for (int i = base; i < base + inner; i++) {
                        acc = switch (r.kind()) {
                            case MIN -> Math.min(acc, data[i]);
                            case MAX -> Math.max(acc, data[i]);
                            case ABS_MAX -> Math.max(acc, Math.abs(data[i]));
                            default -> acc + data[i]; // MEAN; quantiles are handed over whole
                        };
                    }
                }
                out[n * channels + c] = (float) (r.kind() == Reduction.Kind.MEAN ? acc / (outer * inner) : acc);
            }
        }
        return Tensor.ofFloats(r.isPerTensor() ? Shape.of(samples) : Shape.of(samples, channels), out);
    }
}
