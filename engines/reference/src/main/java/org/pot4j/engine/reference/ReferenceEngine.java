package org.pot4j.engine.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.gemm.SgemmSelector;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.loops.FloatLoopsSelector;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.engine.reference.plan.CompiledGraph;
import org.pot4j.engine.reference.plan.GraphExecutor;
import org.pot4j.engine.reference.plan.MemoryEstimate;
import org.pot4j.engine.reference.plan.PlanCompiler;
import org.pot4j.engine.reference.plan.ValueStorage;
import org.pot4j.engine.reference.runtime.BufferPool;
import org.pot4j.engine.reference.runtime.ParallelRunner;
import org.pot4j.engine.reference.runtime.Value;

/**
 * The reference engine: compiles the model's graph on {@link #setModel}, then runs it in Java. An observed port's value
 * is shown as soon as it is computed; requested reductions are computed on the engine's own buffer
 * ({@link ValueReductions}), so only reduced values are copied out. One inference at a time (calls are serialised).
 * The same class is the {@code vpu} engine when its values are stored in FP16 ({@link ValueStorage#F16}).
 */
public final class ReferenceEngine implements Engine {
    private static final long POOL_BYTES = 1L << 30;

    private final String name;
    private final KernelRegistry registry;
    private final ValueStorage storage;
    private final ReferenceEngineOptions options;
    private final System.Logger log;
    private final ParallelRunner parallel;
    private final Sgemm sgemm;
    private final FloatLoops loops;
    private final BufferPool pool = new BufferPool(POOL_BYTES);
    private final HeapGuard heapGuard = new HeapGuard(HeapGuard.JVM);
    /** Batch sizes whose memory estimate passed for the current model. */
    private final Set<Long> checkedBatches = new java.util.HashSet<>();
    private Model model;
    private GraphExecutor executor;
    private InputBinder binder;
    private boolean closed;

    ReferenceEngine(ReferenceEngineOptions options, System.Logger log) {
        this(ReferenceEngineFactory.NAME, KernelRegistry.standard(), ValueStorage.F32, options, log);
    }

    /**
     * An engine on this engine's plan with other kernels for some ops (the GNA emulation's integer MatMul), or storing
     * values in another precision between ops (the VPU emulation's FP16).
     *
     * @param name     the engine's name ({@code "reference"}, {@code "vpu"}, {@code "gna"})
     * @param registry the kernels
     * @param storage  f32, or FP16 for the VPU emulation
     * @param options  threads, vector kernels, fusion
     * @param log      where compile messages go
     */
    public ReferenceEngine(String name, KernelRegistry registry, ValueStorage storage, ReferenceEngineOptions options,
            System.Logger log) {
        this.name = name;
        this.registry = registry;
        this.storage = storage;
        this.options = options;
        this.log = log;
        this.parallel = new ParallelRunner(options.threads());
        this.sgemm = SgemmSelector.select(options.vector());
        this.loops = FloatLoopsSelector.select(options.vector());
    }

    @Override
    public String name() {
        return name;
    }

    /** The precision values are stored in between ops: f32, or FP16 for the {@code vpu} engine. */
    public ValueStorage storage() {
        return storage;
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
                    + " models; the " + name + " engine runs single models (use a cascade engine)");
        }
        long t0 = System.nanoTime();
        CompiledGraph compiled;
        try {
            compiled = new PlanCompiler(registry, sgemm, loops, options.fusion(), storage).compile(model.graph());
        } catch (EngineException e) {
            throw new EngineException("model '" + model.name() + "': " + e.getMessage(), e);
        }
        pool.clear();
        // refused here, before the loader or the first inference allocates anything (inputs included)
        long batch = MemoryEstimate.declaredBatch(compiled);
        heapGuard.check(model.name(), compiled, batch, true, pool::clear);
        this.model = model;
        this.executor = new GraphExecutor(compiled, pool, parallel, sgemm, loops, storage);
        this.binder = new InputBinder(compiled.inputs());
        checkedBatches.clear();
        checkedBatches.add(batch);
        log.log(System.Logger.Level.DEBUG, () -> "compiled '" + model.name() + "': " + compiled.stepCount()
                + " steps, " + compiled.fusionCount() + " fusions, kernel " + sgemm.name() + ", loops " + loops.name() + ", " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Override
    public Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public synchronized Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
        checkModel();
        Value[] values = binder.bind(inputs);
        long batch = values.length > 0 && values[0].rank() > 0 ? values[0].dim(0) : 1;
        if (!checkedBatches.contains(batch)) {
            heapGuard.check(model.name(), executor.graph(), batch, false, pool::clear);
            checkedBatches.add(batch);
        }
        for (Value v : values) {
            // the binder's arrays are copies of the caller's tensors
            storage.store(v);
        }
        if (observer.ports().isEmpty()) {
            return outputs(executor.run(values, new int[0], (s, v) -> { }));
        }
        Map<Integer, List<PortRef>> bySlot = new HashMap<>();
        CompiledGraph graph = executor.graph();
        for (PortRef port : observer.ports().keySet()) {
            int slot = graph.slot(port);
            if (slot < 0) {
                throw new EngineException("model '" + model.name() + "': " + port + " is not an output port of the "
                        + "model, so it cannot be observed");
            }
            bySlot.computeIfAbsent(slot, k -> new ArrayList<>()).add(port);
        }
        int[] observed = new TreeSet<>(bySlot.keySet()).stream().mapToInt(Integer::intValue).toArray();
        GraphExecutor.Observer seen = (slot, value) -> {
            for (PortRef port : bySlot.get(slot)) {
                show(observer, port, value);
            }
        };
        return outputs(executor.run(values, observed, seen));
    }

    /** Shows one port's value: reduced here on the engine's own buffer when every reduction applies, else whole. */
    private static void show(PortObserver observer, PortRef port, Value value) {
        Set<Reduction> reductions = observer.ports().get(port);
        boolean reduce = !reductions.isEmpty();
        for (Reduction r : reductions) {
            reduce &= ValueReductions.applies(r, value);
        }
        if (!reduce) {
            observer.whole(port, value.toTensor());
            return;
        }
        for (Reduction r : reductions) {
            observer.reduced(port, r, ValueReductions.reduce(r, value));
        }
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

    private void checkOpen() {
        if (closed) {
            throw new EngineException("the " + name + " engine was closed");
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
        pool.clear();
    }
}
