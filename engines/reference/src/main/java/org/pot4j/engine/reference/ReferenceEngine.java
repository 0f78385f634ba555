package org.pot4j.engine.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.gemm.SgemmSelector;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.loops.FloatLoopsSelector;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.engine.reference.plan.CompiledGraph;
import org.pot4j.engine.reference.plan.GraphExecutor;
import org.pot4j.engine.reference.plan.PlanCompiler;
import org.pot4j.engine.reference.runtime.BufferPool;
import org.pot4j.engine.reference.runtime.ParallelRunner;
import org.pot4j.engine.reference.runtime.Value;

/**
 * The reference engine: compiles the model's graph on {@link #setModel}, then runs it in Java. Predict passes load
 * the next batch on loader threads while the current one runs, and hand every requested port's batch value to its
 * statistic accumulators as soon as it is computed, so memory does not grow with the data set. One inference at a
 * time (calls are serialised).
 */
public final class ReferenceEngine implements Engine {
    private static final long POOL_BYTES = 1L << 30;

    private final ReferenceEngineOptions options;
    private final DataLoader dataLoader;
    private final Metric metric;
    private final System.Logger log;
    private final ParallelRunner parallel;
    private final Sgemm sgemm;
    private final FloatLoops loops;
    private final BufferPool pool = new BufferPool(POOL_BYTES);
    private ExecutorService loaders;
    private Model model;
    private GraphExecutor executor;
    private InputBinder binder;
    private boolean closed;

    ReferenceEngine(ReferenceEngineOptions options, DataLoader dataLoader, Metric metric, System.Logger log) {
        this.options = options;
        this.dataLoader = dataLoader;
        this.metric = metric;
        this.log = log;
        this.parallel = new ParallelRunner(options.threads());
        this.sgemm = SgemmSelector.select(options.vector());
        this.loops = FloatLoopsSelector.select(options.vector());
    }

    @Override
    public String name() {
        return ReferenceEngineFactory.NAME;
    }

    /** The matrix-multiply kernel in use ({@code "vector-256"}, {@code "scalar"}). */
    public String kernelName() {
        return sgemm.name();
    }

    /** The element-wise loops in use ({@code "vector-256"}, {@code "scalar"}). */
    public String loopsName() {
        return loops.name();
    }

    /** Milliseconds per op kind since the last call, with {@code -Dpot4j.reference.profile=true}; empty otherwise. */
    public synchronized Map<String, Double> takeProfileMillis() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (executor != null) {
            executor.takeProfile().forEach((k, v) -> out.put(k, v[0] / 1e6));
        }
        return out;
    }

    public ReferenceEngineOptions options() {
        return options;
    }

    @Override
    public synchronized void setModel(Model model) {
        checkOpen();
        if (model.isCascade()) {
            throw new EngineException("model '" + model.name() + "' is a cascade of " + model.subModels().size()
                    + " models; the reference engine runs single models (use a cascade engine)");
        }
        long t0 = System.nanoTime();
        CompiledGraph compiled;
        try {
            compiled = new PlanCompiler(KernelRegistry.standard(), sgemm, loops, options.fusion()).compile(model.graph());
        } catch (EngineException e) {
            throw new EngineException("model '" + model.name() + "': " + e.getMessage(), e);
        }
        this.model = model;
        this.executor = new GraphExecutor(compiled, pool, parallel, sgemm, loops);
        this.binder = new InputBinder(compiled.inputs());
        pool.clear();
        log.log(System.Logger.Level.DEBUG, () -> "compiled '" + model.name() + "': " + compiled.stepCount()
                + " steps, " + compiled.fusionCount() + " fusions, kernel " + sgemm.name() + ", loops " + loops.name() + ", " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Override
    public Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public synchronized Map<String, Tensor> infer(Map<String, Tensor> inputs) {
        checkModel();
        Value[] values = binder.bind(inputs);
        Value[] out = executor.run(values, new int[0], (s, v) -> { });
        return outputs(out);
    }

    private Map<String, Tensor> outputs(Value[] out) {
        Map<String, Tensor> result = new LinkedHashMap<>();
        List<CompiledGraph.Output> outs = executor.graph().outputs();
        for (int i = 0; i < out.length; i++) {
            Tensor t = out[i].toTensor();
            ElementType declared = outs.get(i).declaredType();
            // integers are computed as i64; report the declared integer type (u8 of QuantizeLinear, i32 indices)
            if (!out[i].isFloat() && declared == ElementType.I32) {
                long[] l = out[i].longs();
                int[] v = new int[l.length];
                for (int k = 0; k < l.length; k++) {
                    v[k] = (int) l[k];
                }
                t = Tensor.ofInts(t.shape(), v);
            } else if (!out[i].isFloat() && !declared.isFloatingPoint() && declared.bitWidth() >= 8
                    && declared.bitWidth() <= 16) {
                // exact through floats at these widths
                t = t.convert(declared);
            }
            result.put(outs.get(i).name(), t);
        }
        return result;
    }

    @Override
    public synchronized PredictResult predict(PredictRequest request) {
        checkModel();
        CompiledGraph graph = executor.graph();
        Map<Integer, List<Statistic.Accumulator>> bySlot = new HashMap<>();
        Map<PortRef, Map<String, Statistic.Accumulator>> accumulators = new LinkedHashMap<>();
        for (PortRef port : request.statistics().ports()) {
            int slot = graph.slot(port);
            if (slot < 0) {
                throw new EngineException("statistics were requested at " + port + ", which is not an output port of model '"
                        + model.name() + "'");
            }
            Map<String, Statistic.Accumulator> named = new LinkedHashMap<>();
            for (Statistic s : request.statistics().at(port)) {
                Statistic.Accumulator a = s.newAccumulator();
                named.put(s.name(), a);
                bySlot.computeIfAbsent(slot, k -> new ArrayList<>()).add(a);
            }
            accumulators.put(port, named);
        }
        int[] observed = new TreeSet<>(bySlot.keySet()).stream().mapToInt(Integer::intValue).toArray();
        GraphExecutor.Observer observer = (slot, value) -> {
            Tensor t = value.toTensor();
            for (Statistic.Accumulator a : bySlot.get(slot)) {
                a.accept(t);
            }
        };
        boolean metrics = request.computeMetrics() && metric != null;
        if (metrics) {
            metric.reset();
        }
        List<int[]> batches = request.sampler().batches();
        request.progress().started("predict " + model.name(), request.sampler().size());
        long done = 0;
        CompletableFuture<List<DataItem>> next = batches.isEmpty() ? null : load(batches.get(0));
        for (int b = 0; b < batches.size(); b++) {
            List<DataItem> items = await(next);
            next = b + 1 < batches.size() ? load(batches.get(b + 1)) : null;
            Value[] inputs = batchInputs(items, batches.get(b));
            Value[] out = executor.run(inputs, observed, observer);
            if (metrics) {
                List<Object> annotations = new ArrayList<>(items.size());
                for (DataItem it : items) {
                    annotations.add(it.annotation());
                }
                metric.update(outputs(out), annotations);
            }
            done += items.size();
            request.progress().progressed(done);
        }
        request.progress().finished();
        Map<PortRef, Map<String, Tensor>> stats = new LinkedHashMap<>();
        accumulators.forEach((port, named) -> {
            Map<String, Tensor> r = new LinkedHashMap<>();
            named.forEach((name, a) -> r.put(name, a.result()));
            stats.put(port, r);
        });
        return new PredictResult(metrics ? metric.averageValue() : Map.of(), new CollectedStatistics(stats));
    }

    private CompletableFuture<List<DataItem>> load(int[] indices) {
        ExecutorService ex = loaders();
        List<CompletableFuture<DataItem>> parts = new ArrayList<>();
        for (int i : indices) {
            parts.add(CompletableFuture.supplyAsync(() -> loadItem(i), ex));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<DataItem> items = new ArrayList<>(parts.size());
            for (CompletableFuture<DataItem> p : parts) {
                items.add(p.join());
            }
            return items;
        });
    }

    private DataItem loadItem(int index) {
        if (index >= dataLoader.size()) {
            throw new DataException("sample " + index + " is outside data loader '" + dataLoader.description()
                    + "' of " + dataLoader.size() + " samples");
        }
        return dataLoader.get(index);
    }

    private static List<DataItem> await(CompletableFuture<List<DataItem>> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new DataException("loading samples failed: " + c, c);
        }
    }

    /** Concatenates the samples of a batch per model input on axis 0 (adding the batch axis the loader left out). */
    private Value[] batchInputs(List<DataItem> items, int[] indices) {
        Map<Integer, List<Tensor>> perInput = new HashMap<>();
        for (int s = 0; s < items.size(); s++) {
            DataItem item = items.get(s);
            for (Map.Entry<String, Tensor> e : item.inputs().entrySet()) {
                int i;
                try {
                    i = binder.indexOf(e.getKey());
                } catch (EngineException ex) {
                    throw new DataException("sample " + indices[s] + " of '" + dataLoader.description() + "': "
                            + ex.getMessage(), ex);
                }
                Tensor t = e.getValue();
                if (t.shape().rank() == binder.declared(i).rank() - 1) {
                    long[] d = t.shape().dims();
                    long[] withBatch = new long[d.length + 1];
                    withBatch[0] = 1;
                    System.arraycopy(d, 0, withBatch, 1, d.length);
                    t = t.reshape(Shape.of(withBatch));
                }
                perInput.computeIfAbsent(i, k -> new ArrayList<>()).add(t);
            }
        }
        Map<String, Tensor> named = new HashMap<>();
        for (Map.Entry<Integer, List<Tensor>> e : perInput.entrySet()) {
            String name = executor.graph().inputs().get(e.getKey()).node().name();
            try {
                named.put(name, Tensor.concatBatch(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new DataException("samples " + java.util.Arrays.toString(indices) + " cannot be batched for input '"
                        + name + "': " + ex.getMessage(), ex);
            }
        }
        return binder.bind(named);
    }

    private synchronized ExecutorService loaders() {
        if (loaders == null) {
            AtomicInteger id = new AtomicInteger();
            loaders = Executors.newFixedThreadPool(options.loaderThreads(), r -> {
                Thread t = new Thread(r, "pot4j-reference-loader-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return loaders;
    }

    @Override
    public DataLoader dataLoader() {
        return dataLoader;
    }

    @Override
    public Optional<Metric> metric() {
        return Optional.ofNullable(metric);
    }

    private void checkOpen() {
        if (closed) {
            throw new EngineException("the reference engine was closed");
        }
    }

    private void checkModel() {
        checkOpen();
        if (executor == null) {
            throw new EngineException("no model loaded: call setModel first");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        parallel.close();
        if (loaders != null) {
            loaders.shutdownNow();
        }
        pool.clear();
    }
}
