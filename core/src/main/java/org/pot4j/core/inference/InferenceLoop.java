package org.pot4j.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Tensor;

/**
 * The one predict loop, for every engine (POT's {@code engine.predict}): it visits the sampler's samples, loads the
 * next batch on worker threads while the engine runs the current one, stacks samples on a batch axis (or passes them
 * one at a time to an engine that does not batch, a cascade), shows the engine a {@link StatisticsObserver} for the
 * requested statistics, updates the metric with the outputs and annotations, and reports progress.
 *
 * <p>With in-graph statistics on (POT's {@code inplace_statistics}, the default) an engine computes the reductions
 * statistics start with inside its runtime, and only reduced values reach Java.
 */
public final class InferenceLoop {
    /** Worker threads that load samples ahead. */
    public static final int DEFAULT_LOADER_THREADS = 2;

    private final Engine engine;
    private final DataLoader loader;
    private final Optional<Metric> metric;
    private final boolean inplaceStatistics;
    private final int loaderThreads;

    private InferenceLoop(Engine engine, DataLoader loader, Optional<Metric> metric, boolean inplaceStatistics,
                          int loaderThreads) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.metric = metric == null ? Optional.empty() : metric;
        this.inplaceStatistics = inplaceStatistics;
        if (loaderThreads < 1) {
            throw new IllegalArgumentException("loader threads must be at least 1, got " + loaderThreads);
        }
        this.loaderThreads = loaderThreads;
    }

    /** A loop running {@code engine} over {@code loader}'s samples, with in-graph statistics and no metric. */
    public static InferenceLoop of(Engine engine, DataLoader loader) {
        return new InferenceLoop(engine, loader, Optional.empty(), true, DEFAULT_LOADER_THREADS);
    }

    /** This loop updating {@code metric} in evaluation passes. */
    public InferenceLoop withMetric(Metric metric) {
        return new InferenceLoop(engine, loader, Optional.ofNullable(metric), inplaceStatistics, loaderThreads);
    }

    /** This loop with in-graph statistics on or off (POT's {@code inplace_statistics}). */
    public InferenceLoop withInplaceStatistics(boolean inplace) {
        return new InferenceLoop(engine, loader, metric, inplace, loaderThreads);
    }

    /** This loop loading ahead on {@code threads} worker threads. */
    public InferenceLoop withLoaderThreads(int threads) {
        return new InferenceLoop(engine, loader, metric, inplaceStatistics, threads);
    }

    public Engine engine() {
        return engine;
    }

    public DataLoader dataLoader() {
        return loader;
    }

    public Optional<Metric> metric() {
        return metric;
    }

    public boolean inplaceStatistics() {
        return inplaceStatistics;
    }

    /**
     * Runs the engine's loaded model over the request's samples.
     *
     * @throws EngineException when no model is loaded, or naming the samples an inference failed on
     * @throws DataException   naming the sample that could not be loaded or batched
     */
    public PredictResult run(PredictRequest request) {
        return run(request, PortObserver.NONE);
    }

    /**
     * Runs the engine's loaded model over the request's samples, as {@link #run(PredictRequest)}, and shows
     * {@code ports} the tensors it asks for at every inference (before the metric sees that batch's outputs). A pass
     * shows ports either to its statistics or to such an observer.
     *
     * @param ports what to show the tensors at ports to; {@link PortObserver#NONE} for nothing
     * @throws IllegalArgumentException when the request has statistics and {@code ports} asks for ports too
     * @throws EngineException          when no model is loaded, or naming the samples an inference failed on
     * @throws DataException            naming the sample that could not be loaded or batched
     */
    public PredictResult run(PredictRequest request, PortObserver ports) {
        Model model = engine.model().orElseThrow(() -> new EngineException("engine '" + engine.name()
                + "' has no model loaded: call setModel before a pass"));
        Objects.requireNonNull(ports, "ports");
        if (!request.statistics().isEmpty() && !ports.ports().isEmpty()) {
            throw new IllegalArgumentException("a pass shows ports either to its statistics or to an observer, not"
                    + " both (statistics at " + request.statistics().ports() + ", observer at "
                    + ports.ports().keySet() + ")");
        }
        StatisticsObserver statistics = request.statistics().isEmpty() ? null
                : new StatisticsObserver(request.statistics(), inplaceStatistics);
        PortObserver observer = statistics == null ? ports : statistics;
        Optional<Metric> pass = request.computeMetrics() ? metric : Optional.empty();
        pass.ifPresent(Metric::reset);
        List<int[]> batches = engine.batchesSamples() ? request.sampler().batches() : oneByOne(request.sampler().indices());
        ProgressListener progress = request.progress();
        progress.started((statistics != null ? "statistics of " : "inference of ") + model.name(),
                request.sampler().size());
        long done = 0;
        try (AheadLoader ahead = new AheadLoader(loader, loaderThreads)) {
            CompletableFuture<List<DataItem>> next = batches.isEmpty() ? null : ahead.load(batches.get(0));
            for (int b = 0; b < batches.size(); b++) {
                SampleBatch batch = new SampleBatch(batches.get(b), AheadLoader.await(next));
                next = b + 1 < batches.size() ? ahead.load(batches.get(b + 1)) : null;
                Map<String, Tensor> outputs = infer(batch, observer);
                if (pass.isPresent()) {
                    pass.get().update(outputs, batch.annotations());
                }
                done += batch.indices().length;
                progress.progressed(done);
            }
        }
        progress.finished();
        return new PredictResult(pass.map(Metric::averageValue).orElse(Map.of()),
                statistics == null ? null : statistics.results());
    }

    private Map<String, Tensor> infer(SampleBatch batch, PortObserver observer) {
        String where = batch.describe(loader.description());
        Map<String, Tensor> inputs = engine.batchesSamples() ? batch.stacked(loader.description())
                : batch.items().get(0).inputs();
        try {
            return engine.infer(inputs, observer);
        } catch (DataException e) {
            throw new DataException(where + ": " + e.getMessage(), e);
        } catch (Pot4jException e) {
            throw new EngineException("engine '" + engine.name() + "', " + where + ": " + e.getMessage(), e);
        }
    }

    private static List<int[]> oneByOne(int[] indices) {
        List<int[]> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(new int[] {i});
        }
        return out;
    }
}
