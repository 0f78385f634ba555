package org.pot4j.core.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A hand-written delegate engine for {@link TestModels#doubler}: {@code y = 2 x}. Observers see the input at
 * {@code x:0} and the output at {@code double:0}; per-tensor reductions are computed "in the runtime", as a real engine
 * would. Records its inferences.
 */
final class DoublingEngine implements Engine {
    static final String NAME = "doubling";
    private static final Set<PortRef> PORTS = Set.of(PortRef.of("x"), PortRef.of("double"));
    final EngineSettings settings;
    private Model model;
    int inferCalls;
    boolean closed;
    /** When set, every inference fails. */
    boolean failing;
    final List<Shape> batchShapes = new ArrayList<>();
    final List<Map<PortRef, Set<Reduction>>> observedPorts = new ArrayList<>();

    DoublingEngine(EngineSettings settings) {
        this.settings = settings;
    }

    static EngineFactory factory(List<DoublingEngine> created) {
        return new EngineFactory() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Engine create(EngineSettings settings, PluginContext context) {
                DoublingEngine e = new DoublingEngine(settings);
                created.add(e);
                return e;
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void setModel(Model m) {
        if (m.graph().node("double").isEmpty()) {
            throw new EngineException("model '" + m.name() + "' has no node 'double'");
        }
        this.model = m;
    }

    @Override
    public Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
        inferCalls++;
        observedPorts.add(observer.ports());
        for (PortRef port : observer.ports().keySet()) {
            if (!PORTS.contains(port)) {
                throw new EngineException("model '" + model.name() + "' has no port " + port);
            }
        }
        if (failing) {
            throw new EngineException("the doubling runtime failed");
        }
        Tensor x = inputs.values().iterator().next();
        batchShapes.add(x.shape());
        Tensor y = doubled(x);
        observer.ports().forEach((port, reductions) ->
                show(observer, port, reductions, port.node().equals("x") ? x : y));
        return Map.of("y", y);
    }

    private static void show(PortObserver observer, PortRef port, Set<Reduction> reductions, Tensor value) {
        int rank = value.shape().rank();
        boolean inRuntime = !reductions.isEmpty()
                && reductions.stream().allMatch(r -> r.isPerTensor() && !r.kind().isQuantile() && r.appliesToRank(rank));
        if (!inRuntime) {
            observer.whole(port, value);
            return;
        }
        for (Reduction r : reductions) {
            observer.reduced(port, r, perRow(r.kind(), value));
        }
    }

    /** {@code kind} over each row: {@code [N]}. */
    private static Tensor perRow(Reduction.Kind kind, Tensor value) {
        int rows = (int) value.shape().dim(0);
        float[] v = value.toFloatArray();
        int size = v.length / rows;
        float[] out = new float[rows];
        for (int n = 0; n < rows; n++) {
            double acc = kind == Reduction.Kind.MIN ? Double.POSITIVE_INFINITY
                    : kind == Reduction.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int i = n * size; i < (n + 1) * size; i++) {
                acc = switch (kind) {
                    case MIN -> Math.min(acc, v[i]);
                    case MAX -> Math.max(acc, v[i]);
                    case ABS_MAX -> Math.max(acc, Math.abs(v[i]));
                    default -> acc + v[i]; // MEAN; quantiles are handed over whole
                };
            }
            out[n] = (float) (kind == Reduction.Kind.MEAN ? acc / size : acc);
        }
        return Tensor.ofFloats(Shape.of(rows), out);
    }

    private static Tensor doubled(Tensor x) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 2;
        }
        return Tensor.ofFloats(x.shape(), v);
    }

    @Override
    public void close() {
        closed = true;
    }
}
