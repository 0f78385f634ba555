package org.pot4j.engine.reference.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.EngineException;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.BufferPool;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.ParallelRunner;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Runs a {@link CompiledGraph}. Per set of input shapes it keeps the values of shape-only nodes (computed on the
 * first run with those shapes) and a plan of the steps still needed, with the step after which each slot's last
 * reader has run; float buffers whose last reader ran go back to the pool (reference-counted, since reshapes share
 * arrays). Observed slots are handed to the observer right after they are produced; a fusion runs only when none
 * of its intermediate slots is observed. Not thread-safe: the engine runs one inference at a time.
 */
public final class GraphExecutor {
    /** Receives the value of an observed slot as soon as it is computed. */
    @FunctionalInterface
    public interface Observer {
        void observe(int slot, Value value);
    }

    private final CompiledGraph graph;
    private final BufferPool pool;
    private final ParallelRunner parallel;
    private final Sgemm sgemm;
    private final FloatLoops loops;
    private final Map<String, ShapeState> byShapes = new HashMap<>();
    /**
     * Nanoseconds spent per op kind (fused chains as {@code Convolution+Add+ReLU}) when profiling is on
     * ({@code -Dpot4j.reference.profile=true}), or per node with {@code -Dpot4j.reference.profile=nodes}.
     */
    private final Map<String, long[]> profile = PROFILE.equals("true") || PROFILE.equals("nodes") ? new java.util.TreeMap<>() : null;
    private static final String PROFILE = System.getProperty("pot4j.reference.profile", "false");
    private final boolean profileNodes = PROFILE.equals("nodes");
    private final IdentityHashMap<Object, Boolean> constantArrays = new IdentityHashMap<>();
    private final ValueStorage storage;
    /** Slots inside a fusion candidate (stored unrounded: the chain is one layer). */
    private final boolean[] insideLayer;

    /** What is known for one set of input shapes. */
    private static final class ShapeState {
        Map<Integer, Value> shapeValues;
        final Map<String, RunPlan> plans = new HashMap<>();
    }

    /** Steps to run (fused where allowed), and per step the slots to release after it. */
    private record RunPlan(Step[] steps, int[][] releaseAfter) {
    }

    public GraphExecutor(CompiledGraph graph, BufferPool pool, ParallelRunner parallel, Sgemm sgemm, FloatLoops loops) {
        this(graph, pool, parallel, sgemm, loops, ValueStorage.F32);
    }

    /**
     * An executor that stores every floating step output in {@code storage}'s precision right after its step, except
     * the intermediates of a fusion candidate (a convolution's output before its bias Add and activation): a fused
     * chain is one device layer, rounded once at its end, so fused and unfused runs give the same values.
     *
     * @param storage the precision values are stored in between ops
     */
    public GraphExecutor(CompiledGraph graph, BufferPool pool, ParallelRunner parallel, Sgemm sgemm, FloatLoops loops,
                         ValueStorage storage) {
        this.storage = storage;
        this.insideLayer = new boolean[graph.constants.length];
        for (Fusion f : graph.fusions) {
            for (int s : f.intermediates()) {
                insideLayer[s] = true;
            }
        }
        this.graph = graph;
        this.pool = pool;
        this.parallel = parallel;
        this.sgemm = sgemm;
        this.loops = loops;
        for (Value v : graph.constants) {
            if (v != null) {
                constantArrays.put(v.array(), Boolean.TRUE);
            }
        }
    }

    public CompiledGraph graph() {
        return graph;
    }

    /**
     * Runs the graph.
     *
     * @param inputs   one value per model input, in {@link CompiledGraph#inputs()} order
     * @param observed slots to hand to {@code observer} (sorted, unique)
     * @return the value of every model output, in {@link CompiledGraph#outputs()} order
     */
    public Value[] run(Value[] inputs, int[] observed, Observer observer) {
        StringBuilder key = new StringBuilder();
        for (Value v : inputs) {
            key.append(Dims.format(v.shape())).append(v.isFloat() ? 'f' : 'i').append(';');
        }
        ShapeState state = byShapes.computeIfAbsent(key.toString(), k -> new ShapeState());
        boolean firstRun = state.shapeValues == null;
        String planKey = (firstRun ? "first:" : "") + Arrays.toString(observed);
        RunPlan plan = state.plans.get(planKey);
        if (plan == null) {
            plan = plan(firstRun ? Map.of() : state.shapeValues, observed);
            if (!firstRun) {
                state.plans.put(planKey, plan);
            }
        }
        Value[] slots = graph.constants.clone();
        if (!firstRun) {
            state.shapeValues.forEach((s, v) -> slots[s] = v);
        }
        IdentityHashMap<Object, Integer> refs = new IdentityHashMap<>();
        // arrays that outlive the run (constants, cached shape values) must never reach the pool
        IdentityHashMap<Object, Boolean> kept = new IdentityHashMap<>(constantArrays);
        if (!firstRun) {
            state.shapeValues.values().forEach(v -> kept.put(v.array(), Boolean.TRUE));
        }
        for (int i = 0; i < inputs.length; i++) {
            slots[graph.inputs.get(i).slot()] = inputs[i];
            // the caller's data: a zero-copy view of an input (Reshape, Flatten) must not hand it to the pool
            kept.put(inputs[i].array(), Boolean.TRUE);
        }
        boolean[] isObserved = new boolean[slots.length];
        for (int s : observed) {
            isObserved[s] = true;
            if (slots[s] != null) {
                observer.observe(s, slots[s]);
            }
        }
        Map<Integer, Value> shapeValues = firstRun ? new HashMap<>() : state.shapeValues;
        ExecContext ctx = new RunContext();
        for (int i = 0; i < plan.steps.length; i++) {
            Step step = plan.steps[i];
            Value[] args = new Value[step.inputs().length];
            for (int a = 0; a < args.length; a++) {
                int s = step.inputs()[a];
                args[a] = s < 0 ? null : slots[s];
            }
            Value[] res;
            long t0 = profile == null ? 0 : System.nanoTime();
            try {
                res = step.kernel().run(args, ctx);
                if (profile != null) {
                    String what = profileNodes ? step.label() + " " + step.node().name() : step.label();
                    long[] p = profile.computeIfAbsent(what, k -> new long[2]);
                    p[0] += System.nanoTime() - t0;
                    p[1]++;
                }
            } catch (EngineException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EngineException(step.label() + " node '" + step.node().name() + "' failed on inputs "
                        + describe(args) + ": " + e.getMessage(), e);
            }
            for (int p = 0; p < step.outputs().length; p++) {
                int s = step.outputs()[p];
                Value v = p < res.length ? res[p] : null;
                slots[s] = v;
                if (v == null) {
                    continue;
                }
                store(s, v, args, kept);
                if (step.shapeOnly()) {
                    // cached for later runs: never pooled
                    shapeValues.put(s, v);
                    kept.put(v.array(), Boolean.TRUE);
                } else if (v.isFloat() && !kept.containsKey(v.array())) {
                    refs.merge(v.array(), 1, Integer::sum);
                }
                if (isObserved[s]) {
                    observer.observe(s, v);
                }
            }
            for (int s : plan.releaseAfter[i]) {
                Value v = slots[s];
                slots[s] = null;
                if (v != null && v.isFloat()) {
                    Integer left = refs.computeIfPresent(v.array(), (k, c) -> c - 1);
                    if (left != null && left == 0) {
                        refs.remove(v.array());
                        pool.give(v.floats());
                    }
                }
            }
        }
        if (firstRun) {
            state.shapeValues = shapeValues;
        }
        Value[] out = new Value[graph.outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = slots[graph.outputs.get(i).slot()];
        }
        return out;
    }

    /**
     * The post-op hook: brings a step's new floating output to the storage precision, unless it is a view of a
     * step input (already stored), a kept array (constants, inputs, cached shape values: stored when made) or the
     * inside of a fused layer.
     */
    private void store(int slot, Value v, Value[] args, IdentityHashMap<Object, Boolean> kept) {
        if (storage == ValueStorage.F32 || !v.isFloat() || insideLayer[slot] || kept.containsKey(v.array())) {
            return;
        }
        for (Value a : args) {
            if (a != null && a.array() == v.array()) {
                return;
            }
        }
        storage.store(v.floats());
    }

    private static String describe(Value[] args) {
        StringBuilder b = new StringBuilder("(");
        for (Value v : args) {
            b.append(b.length() > 1 ? ", " : "").append(v == null ? "-" : v.toString());
        }
        return b.append(')').toString();
    }

    private RunPlan plan(Map<Integer, Value> preset, int[] observed) {
        int nSlots = graph.constants.length;
        boolean[] needed = new boolean[nSlots];
        for (CompiledGraph.Output o : graph.outputs) {
            needed[o.slot()] = true;
        }
        for (int s : observed) {
            needed[s] = true;
        }
        List<Step> steps = withFusions(observed);
        boolean[] run = new boolean[steps.size()];
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step st = steps.get(i);
            boolean want = false;
            for (int s : st.outputs()) {
                want |= needed[s] && !preset.containsKey(s);
            }
            if (!want) {
                continue;
            }
            run[i] = true;
            for (int s : st.inputs()) {
                if (s >= 0) {
                    needed[s] = true;
                }
            }
        }
        List<Step> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (run[i]) {
                order.add(steps.get(i));
            }
        }
        int[] lastUse = new int[nSlots];
        Arrays.fill(lastUse, -1);
        for (int pos = 0; pos < order.size(); pos++) {
            Step st = order.get(pos);
            for (int s : st.inputs()) {
                if (s >= 0) {
                    lastUse[s] = pos;
                }
            }
            for (int s : st.outputs()) {
                // an output nobody reads (or only an observer) is released right after its step
                lastUse[s] = Math.max(lastUse[s], pos);
            }
        }
        boolean[] keep = new boolean[nSlots];
        for (CompiledGraph.Output o : graph.outputs) {
            keep[o.slot()] = true;
        }
        for (int s = 0; s < nSlots; s++) {
            if (graph.constants[s] != null || preset.containsKey(s)) {
                keep[s] = true;
            }
        }
        List<List<Integer>> release = new ArrayList<>();
        for (int pos = 0; pos < order.size(); pos++) {
            release.add(new ArrayList<>());
        }
        for (int s = 0; s < nSlots; s++) {
            if (!keep[s] && lastUse[s] >= 0) {
                release.get(lastUse[s]).add(s);
            }
        }
        int[][] rel = new int[order.size()][];
        for (int pos = 0; pos < order.size(); pos++) {
            rel[pos] = release.get(pos).stream().mapToInt(Integer::intValue).toArray();
        }
        return new RunPlan(order.toArray(new Step[0]), rel);
    }

    /**
     * The graph's steps with each fusion whose intermediates are not observed replaced by its fused step, placed
     * where its last member was (every input of the chain is ready by then).
     */
    private List<Step> withFusions(int[] observed) {
        if (graph.fusions.isEmpty()) {
            return graph.steps;
        }
        boolean[] isObserved = new boolean[graph.constants.length];
        for (int s : observed) {
            isObserved[s] = true;
        }
        Step[] replaced = graph.steps.toArray(new Step[0]);
        for (Fusion f : graph.fusions) {
            boolean allowed = true;
            for (int s : f.intermediates()) {
                allowed &= !isObserved[s];
            }
            if (!allowed) {
                continue;
            }
            int[] m = f.members();
            for (int j = 0; j < m.length - 1; j++) {
                replaced[m[j]] = null;
            }
            replaced[m[m.length - 1]] = f.fused();
        }
        List<Step> out = new ArrayList<>(replaced.length);
        for (Step st : replaced) {
            if (st != null) {
                out.add(st);
            }
        }
        return out;
    }

    /** Time per op kind since the last call (empty unless {@code -Dpot4j.reference.profile=true}), and resets it. */
    public Map<String, long[]> takeProfile() {
        if (profile == null) {
            return Map.of();
        }
        Map<String, long[]> copy = new java.util.TreeMap<>(profile);
        profile.clear();
        return copy;
    }

    /** Forgets cached shape values and plans (a new model was loaded). */
    public void clearCaches() {
        byShapes.clear();
    }

    private final class RunContext implements ExecContext {
        @Override
        public float[] floats(int n) {
            return pool.take(n);
        }

        @Override
        public void release(float[] scratch) {
            pool.give(scratch);
        }

        @Override
        public ParallelRunner parallel() {
            return parallel;
        }

        @Override
        public Sgemm sgemm() {
            return sgemm;
        }

        @Override
        public FloatLoops loops() {
            return loops;
        }
    }
}
