package org.pot4j.core.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.Algorithm.StatisticsPlan;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;

/**
 * The {@link ModelEvaluator} of a {@link Pipeline}: evaluations and inferences through the pipeline's loop, and
 * algorithms run as the pipeline runs them, with a statistics cache keyed by a fingerprint of the model statistics are
 * collected on (its nodes, their inputs and constant values) and the plan's sample choice. A request whose every
 * statistic is cached costs no pass; otherwise only the missing statistics are collected.
 */
final class PipelineEvaluator implements ModelEvaluator {
    private final Pipeline pipeline;
    private final InferenceLoop loop;
    private final int batchSize;
    private final Map<String, Map<PortRef, Map<String, Tensor>>> cache = new HashMap<>();

    PipelineEvaluator(Pipeline pipeline, InferenceLoop loop, int batchSize) {
        this.pipeline = pipeline;
        this.loop = loop;
        this.batchSize = batchSize;
    }

    @Override
    public int size() {
        return loop.dataLoader().size();
    }

    @Override
    public Map<String, MetricAttributes> metrics() {
        return loop.metric().map(Metric::attributes).orElse(Map.of());
    }

    @Override
    public Evaluation evaluate(Model model, int[] samples) {
        Metric metric = loop.metric().orElseThrow(() -> new EngineException("no metric to evaluate model '"
                + model.name() + "' with"));
        PerSampleMetric recording = new PerSampleMetric(metric);
        loop.engine().setModel(model);
        loop.withMetric(recording).run(PredictRequest.evaluation(Sampler.of(samples, batchSize),
                pipeline.progress()));
        return new Evaluation(metric.averageValue(), recording.perSample(samples.length));
    }

    @Override
    public void infer(Model model, int[] samples, BatchOutputs outputs) {
        Objects.requireNonNull(outputs, "outputs");
        loop.engine().setModel(model);
        loop.withMetric(new OutputsMetric(samples, outputs)).run(PredictRequest.evaluation(
                Sampler.of(samples, batchSize), pipeline.progress()));
    }

    @Override
    public void observe(Model model, int[] samples, Set<PortRef> ports, PortValues values) {
        Objects.requireNonNull(values, "values");
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no port to observe in model '" + model.name() + "'");
        }
        WholePorts observer = new WholePorts(ports);
        loop.engine().setModel(model);
        loop.withMetric(new ObservedMetric(samples, observer, values)).run(PredictRequest.evaluation(
                Sampler.of(samples, batchSize), pipeline.progress()), observer);
    }

    @Override
    public Model apply(Algorithm algorithm, Model model) {
        Model current = Objects.requireNonNull(model, "model");
        for (Algorithm step : Pipeline.flatten(List.of(algorithm))) {
            current = Objects.requireNonNull(step.prepare(current),
                    () -> "algorithm '" + step.name() + "' prepared no model");
            StatisticsPlan plan = step.statistics(current);
            CollectedStatistics statistics = plan == null || plan.request().isEmpty() ? CollectedStatistics.empty()
                    : cached(step, current, plan);
            Model next = step.run(current, loop.engine(), statistics, this);
            if (next == null) {
                throw new AlgorithmException("algorithm '" + step.name() + "' returned no model");
            }
            current = next;
        }
        return current;
    }

    /** The plan's statistics, collecting only those the cache lacks for this model and sample choice. */
    private CollectedStatistics cached(Algorithm step, Model model, StatisticsPlan plan) {
        String key = fingerprint(model) + "|" + plan.subsetSize() + "|" + plan.batchSize() + "|" + plan.shuffleSeed();
        Map<PortRef, Map<String, Tensor>> known = cache.computeIfAbsent(key, k -> new HashMap<>());
        StatisticsRequest.Builder missing = StatisticsRequest.builder();
        boolean anyMissing = false;
        for (PortRef port : plan.request().ports()) {
            for (Statistic s : plan.request().at(port)) {
                if (!known.getOrDefault(port, Map.of()).containsKey(s.name())) {
                    missing.add(port, s);
                    anyMissing = true;
                }
            }
        }
        if (anyMissing) {
            StatisticsPlan rest = new StatisticsPlan(missing.build(), plan.subsetSize(), plan.batchSize(),
                    plan.shuffleSeed());
            pipeline.collect(step, model, rest).asMap().forEach((port, values) ->
                    known.computeIfAbsent(port, p -> new HashMap<>()).putAll(values));
        }
        Map<PortRef, Map<String, Tensor>> out = new LinkedHashMap<>();
        for (PortRef port : plan.request().ports()) {
            Map<String, Tensor> values = new LinkedHashMap<>();
            for (Statistic s : plan.request().at(port)) {
                Tensor t = known.getOrDefault(port, Map.of()).get(s.name());
                if (t != null) {
                    values.put(s.name(), t);
                }
            }
            out.put(port, values);
        }
        return new CollectedStatistics(out);
    }

    /** A hash of the model's nodes, their kinds, inputs and constant values: equal models share statistics. */
    static String fingerprint(Model model) {
        long h = 17;
        for (Node n : model.graph().nodes()) {
            h = 31 * h + n.name().hashCode();
            h = 31 * h + n.kind().hashCode();
            h = 31 * h + n.inputs().hashCode();
            h = 31 * h + n.attributes().asMap().toString().hashCode();
            if (n.isConstant()) {
                h = 31 * h + n.constantValue().map(t -> t.data().hashCode()).orElse(0);
            }
        }
        for (Model stage : model.subModels()) {
            h = 31 * h + fingerprint(stage).hashCode();
        }
        return model.name() + "#" + Long.toHexString(h);
    }

    /** Records the wrapped metric's per-sample values after every batch. */
    private static final class PerSampleMetric implements Metric {
        private final Metric metric;
        private final Map<String, List<Double>> values = new LinkedHashMap<>();
        private int seen;

        PerSampleMetric(Metric metric) {
            this.metric = metric;
        }

        @Override
        public void update(Map<String, Tensor> outputs, List<Object> annotations) {
            metric.update(outputs, annotations);
            Map<String, List<Double>> last = metric.value();
            for (String name : metric.attributes().keySet()) {
                List<Double> list = values.computeIfAbsent(name, k -> new ArrayList<>());
                while (list.size() < seen) {
                    list.add(Double.NaN);
                }
                List<Double> batch = last.getOrDefault(name, List.of());
                for (int i = 0; i < annotations.size(); i++) {
                    list.add(batch.size() == annotations.size() && batch.get(i) != null ? batch.get(i) : Double.NaN);
                }
            }
            seen += annotations.size();
        }

        Map<String, List<Double>> perSample(int count) {
            Map<String, List<Double>> out = new LinkedHashMap<>();
            values.forEach((name, list) -> {
                List<Double> copy = new ArrayList<>(list);
                while (copy.size() < count) {
                    copy.add(Double.NaN);
                }
                out.put(name, List.copyOf(copy));
            });
            return out;
        }

        @Override
        public Map<String, List<Double>> value() {
            return metric.value();
        }

        @Override
        public Map<String, Double> averageValue() {
            return metric.averageValue();
        }

        @Override
        public boolean higherBetter() {
            return metric.higherBetter();
        }

        @Override
        public void reset() {
            metric.reset();
            values.clear();
            seen = 0;
        }

        @Override
        public Map<String, MetricAttributes> attributes() {
            return metric.attributes();
        }
    }

    /** Keeps a copy of the whole value at each port of the last inference. */
    private static final class WholePorts implements PortObserver {
        private final Map<PortRef, Set<Reduction>> ports = new LinkedHashMap<>();
        private final Map<PortRef, Tensor> last = new LinkedHashMap<>();

        WholePorts(Set<PortRef> wanted) {
            wanted.forEach(p -> ports.put(p, Set.of()));
        }

        @Override
        public Map<PortRef, Set<Reduction>> ports() {
            return ports;
        }

        @Override
        public void whole(PortRef port, Tensor value) {
            // engines may reuse the value's memory after the call
            last.put(port, Tensor.of(value.elementType(), value.shape(), java.nio.ByteBuffer.wrap(value.toByteArray())));
        }

        @Override
        public void reduced(PortRef port, Reduction reduction, Tensor value) {
            throw new IllegalStateException("no reduction was asked for at " + port);
        }

        /** {@return the values of the last inference, which are then forgotten} */
        Map<PortRef, Tensor> take() {
            Map<PortRef, Tensor> out = new LinkedHashMap<>(last);
            last.clear();
            return out;
        }
    }

    /**
     * A metric that computes nothing: it hands each batch over with the sample indices it belongs to (batches come in
     * sampler order), for evaluations that want the outputs or port values themselves.
     */
    private abstract static class BatchForwardingMetric implements Metric {
        private final int[] samples;
        private int position;

        BatchForwardingMetric(int[] samples) {
            this.samples = samples.clone();
        }

        abstract void accept(int[] indices, Map<String, Tensor> batch);

        @Override
        public final void update(Map<String, Tensor> batch, List<Object> annotations) {
            int[] indices = java.util.Arrays.copyOfRange(samples, position, position + annotations.size());
            position += annotations.size();
            accept(indices, batch);
        }

        @Override
        public final Map<String, List<Double>> value() {
            return Map.of();
        }

        @Override
        public final Map<String, Double> averageValue() {
            return Map.of();
        }

        @Override
        public final void reset() {
            position = 0;
        }

        @Override
        public final Map<String, MetricAttributes> attributes() {
            return Map.of();
        }
    }

    /** Hands each batch's port values over with the sample indices they belong to. */
    private static final class ObservedMetric extends BatchForwardingMetric {
        private final WholePorts observer;
        private final PortValues values;

        ObservedMetric(int[] samples, WholePorts observer, PortValues values) {
            super(samples);
            this.observer = observer;
            this.values = values;
        }

        @Override
        void accept(int[] indices, Map<String, Tensor> batch) {
            Map<PortRef, Tensor> seen = observer.take();
            for (PortRef port : observer.ports().keySet()) {
                if (!seen.containsKey(port)) {
                    throw new EngineException("the engine showed no value at " + port + " for samples "
                            + java.util.Arrays.toString(indices));
                }
            }
            values.accept(indices, seen);
        }
    }

    /** Hands each batch's outputs over with the sample indices they belong to. */
    private static final class OutputsMetric extends BatchForwardingMetric {
        private final BatchOutputs outputs;

        OutputsMetric(int[] samples, BatchOutputs outputs) {
            super(samples);
            this.outputs = outputs;
        }

        @Override
        void accept(int[] indices, Map<String, Tensor> batch) {
            outputs.accept(indices, batch);
        }
    }
}
