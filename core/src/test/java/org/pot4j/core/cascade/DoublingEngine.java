package org.pot4j.core.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A hand-written delegate engine for {@link TestModels#doubler}: {@code y = 2 x}. Statistics at {@code x:0} see the
 * input, at {@code double:0} the output. Counts its infer and predict calls.
 */
final class DoublingEngine implements Engine {
    static final String NAME = "doubling";
    private final EngineSettings settings;
    private Model model;
    int inferCalls;
    int predictCalls;
    final List<Shape> batchShapes = new ArrayList<>();

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
    public Map<String, Tensor> infer(Map<String, Tensor> inputs) {
        inferCalls++;
        Tensor x = inputs.values().iterator().next();
        batchShapes.add(x.shape());
        return Map.of("y", doubled(x));
    }

    private static Tensor doubled(Tensor x) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 2;
        }
        return Tensor.ofFloats(x.shape(), v);
    }

    @Override
    public PredictResult predict(PredictRequest request) {
        predictCalls++;
        Map<PortRef, Map<String, Statistic.Accumulator>> acc = new LinkedHashMap<>();
        for (PortRef p : request.statistics().ports()) {
            Map<String, Statistic.Accumulator> named = new LinkedHashMap<>();
            request.statistics().at(p).forEach(s -> named.put(s.name(), s.newAccumulator()));
            acc.put(p, named);
        }
        for (int[] batch : request.sampler().batches()) {
            List<Tensor> rows = new ArrayList<>();
            for (int i : batch) {
                DataItem item = settings.dataLoader().get(i);
                Tensor t = item.inputs().values().iterator().next();
                long[] d = t.shape().dims();
                long[] b = new long[d.length + 1];
                b[0] = 1;
                System.arraycopy(d, 0, b, 1, d.length);
                rows.add(t.reshape(Shape.of(b)));
            }
            Tensor x = Tensor.concatBatch(rows);
            batchShapes.add(x.shape());
            Tensor y = doubled(x);
            acc.forEach((p, named) -> named.values().forEach(a -> a.accept(p.node().equals("x") ? x : y)));
        }
        Map<PortRef, Map<String, Tensor>> out = new LinkedHashMap<>();
        acc.forEach((p, named) -> {
            Map<String, Tensor> r = new LinkedHashMap<>();
            named.forEach((n, a) -> r.put(n, a.result()));
            out.put(p, r);
        });
        return new PredictResult(Map.of(), new CollectedStatistics(out));
    }

    @Override
    public DataLoader dataLoader() {
        return settings.dataLoader();
    }

    @Override
    public Optional<Metric> metric() {
        return Optional.empty();
    }
}
