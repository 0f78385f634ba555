package org.pot4j.engine.reference.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.ops.CompileContext;
import org.pot4j.engine.reference.ops.KernelFactory;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.engine.reference.ops.OpKernel;
import org.pot4j.engine.reference.runtime.BufferPool;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.ParallelRunner;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Compiles a neutral graph: one slot per output port, a kernel per node (an unsupported op fails here, naming every
 * unsupported kind and a node of it), Const-only subgraphs folded into constants (Const f16 -> Convert weights),
 * nodes fed only by constants and ShapeOf marked shape-only, and (optionally) fusion candidates found.
 */
public final class PlanCompiler {
    private final KernelRegistry registry;
    private final Sgemm sgemm;
    private final FloatLoops loops;
    private final boolean fuse;
    private final ValueStorage storage;

    /**
     * A compiler whose constants stay f32.
     *
     * @param fuse find convolution/MatMul + bias + activation chains to run as one step (see {@link FusionPass})
     */
    public PlanCompiler(KernelRegistry registry, Sgemm sgemm, FloatLoops loops, boolean fuse) {
        this(registry, sgemm, loops, fuse, ValueStorage.F32);
    }

    /**
     * A compiler that stores every constant (Const nodes and folded results, before any kernel sees them) in
     * {@code storage}'s precision.
     *
     * @param fuse    find convolution/MatMul + bias + activation chains to run as one step (see {@link FusionPass})
     * @param storage the precision constants are kept in
     */
    public PlanCompiler(KernelRegistry registry, Sgemm sgemm, FloatLoops loops, boolean fuse, ValueStorage storage) {
        this.registry = registry;
        this.sgemm = sgemm;
        this.loops = loops;
        this.fuse = fuse;
        this.storage = storage;
    }

    public CompiledGraph compile(Graph graph) {
        Map<String, String> unsupported = new TreeMap<>();
        for (Node n : graph.nodes()) {
            String k = n.kind();
            if (!k.equals(OpKinds.PARAMETER) && !k.equals(OpKinds.CONST) && !k.equals(OpKinds.RESULT)
                    && registry.factory(k).isEmpty()) {
                unsupported.putIfAbsent(k, n.name());
            }
        }
        if (!unsupported.isEmpty()) {
            StringBuilder b = new StringBuilder("the reference engine does not support ");
            unsupported.forEach((k, n) -> b.append("op type '").append(k).append("' (node '").append(n).append("'), "));
            b.setLength(b.length() - 2);
            throw new EngineException(b.toString());
        }
        Map<PortRef, Integer> slots = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            for (int p = 0; p < n.outputs().size(); p++) {
                slots.put(new PortRef(n.name(), p), slots.size());
            }
        }
        java.util.Set<PortRef> read = new java.util.HashSet<>();
        for (Node n : graph.nodes()) {
            for (int i = 0; i < n.inputCount(); i++) {
                n.input(i).ifPresent(read::add);
            }
        }
        Value[] constants = new Value[slots.size()];
        boolean[] shapeOnly = new boolean[slots.size()];
        List<Step> steps = new ArrayList<>();
        List<CompiledGraph.Input> inputs = new ArrayList<>();
        List<CompiledGraph.Output> outputs = new ArrayList<>();
        Map<String, Integer> outputNames = new HashMap<>();
        ExecContext foldContext = new FoldContext(sgemm, loops);
        for (Node n : graph.nodes()) {
            String kind = n.kind();
            int[] in = new int[n.inputCount()];
            for (int i = 0; i < in.length; i++) {
                Optional<PortRef> ref = n.input(i);
                in[i] = ref.map(r -> slots.getOrDefault(r, -1)).orElse(-1);
            }
            int[] out = new int[n.outputs().size()];
            for (int p = 0; p < out.length; p++) {
                out[p] = slots.get(new PortRef(n.name(), p));
            }
            if (kind.equals(OpKinds.CONST)) {
                var t = n.constantValue().orElseThrow(
                        () -> new EngineException("Const node '" + n.name() + "' has no value"));
                try {
                    constants[out[0]] = storage.store(Value.of(t));
                } catch (RuntimeException e) {
                    throw new EngineException("Const node '" + n.name() + "': " + e.getMessage(), e);
                }
                continue;
            }
            if (kind.equals(OpKinds.PARAMETER)) {
                inputs.add(new CompiledGraph.Input(n, out[0]));
                continue;
            }
            if (kind.equals(OpKinds.RESULT)) {
                if (in.length == 0 || in[0] < 0) {
                    throw new EngineException("Result node '" + n.name() + "' has no input");
                }
                String name = outputName(graph, n);
                if (outputNames.containsKey(name)) {
                    name = n.name();
                }
                outputNames.put(name, in[0]);
                outputs.add(new CompiledGraph.Output(name, n, in[0], graph.outputPort(n.input(0).orElseThrow()).elementType()));
                continue;
            }
            boolean allConst = true;
            boolean anyShape = false;
            for (int s : in) {
                if (s < 0) {
                    continue;
                }
                allConst &= constants[s] != null;
                anyShape |= shapeOnly[s];
            }
            boolean isShapeOf = kind.equals(OpKinds.SHAPE_OF);
            OpKernel kernel;
            try {
                KernelFactory f = registry.factory(kind).orElseThrow();
                kernel = f.create(n, new NodeCompileContext(graph, n, in, constants, sgemm, read));
            } catch (RuntimeException e) {
                throw new EngineException(kind + " node '" + n.name() + "': " + e.getMessage(), e);
            }
            if (allConst) {
                Value[] args = new Value[in.length];
                for (int i = 0; i < in.length; i++) {
                    args[i] = in[i] < 0 ? null : constants[in[i]];
                }
                Value[] res;
                try {
                    res = kernel.run(args, foldContext);
                } catch (RuntimeException e) {
                    throw new EngineException(kind + " node '" + n.name() + "' (constant folding): " + e.getMessage(), e);
                }
                for (int p = 0; p < out.length && p < res.length; p++) {
                    constants[out[p]] = storage.store(res[p]);
                }
                continue;
            }
            boolean so = isShapeOf || (allOrShape(in, constants, shapeOnly) && anyShape);
            for (int s : out) {
                shapeOnly[s] = so;
            }
            steps.add(new Step(n, kernel, in, out, so));
        }
        boolean[] modelOutput = new boolean[constants.length];
        for (CompiledGraph.Output o : outputs) {
            modelOutput[o.slot()] = true;
        }
        List<Fusion> fusions = fuse ? FusionPass.find(steps, constants, modelOutput) : List.of();
        return new CompiledGraph(List.copyOf(steps), Map.copyOf(slots), constants, List.copyOf(inputs), List.copyOf(outputs),
                fusions);
    }

    private static boolean allOrShape(int[] in, Value[] constants, boolean[] shapeOnly) {
        for (int s : in) {
            if (s >= 0 && constants[s] == null && !shapeOnly[s]) {
                return false;
            }
        }
        return true;
    }

    /** The name a Result is reported by: the first tensor name of the port it reads, else the Result's name. */
    static String outputName(Graph graph, Node result) {
        PortRef src = result.input(0).orElseThrow();
        List<String> names = graph.outputPort(src).tensorNames();
        return names.isEmpty() ? result.name() : names.get(0);
    }

    private static final class NodeCompileContext implements CompileContext {
        private final Graph graph;
        private final Node node;
        private final int[] in;
        private final Value[] constants;
        private final Sgemm sgemm;
        private final java.util.Set<PortRef> read;

        NodeCompileContext(Graph graph, Node node, int[] in, Value[] constants, Sgemm sgemm,
                           java.util.Set<PortRef> read) {
            this.graph = graph;
            this.node = node;
            this.in = in;
            this.constants = constants;
            this.sgemm = sgemm;
            this.read = read;
        }

        @Override
        public boolean outputUsed(int port) {
            return read.contains(new PortRef(node.name(), port));
        }

        @Override
        public Optional<Value> constantInput(int port) {
            return port < in.length && in[port] >= 0 ? Optional.ofNullable(constants[in[port]]) : Optional.empty();
        }

        @Override
        public Sgemm sgemm() {
            return sgemm;
        }

        @Override
        public Optional<Graph> graph() {
            return Optional.of(graph);
        }
    }

    /** Constant folding runs single-threaded with fresh arrays (folded values live as long as the plan). */
    private static final class FoldContext implements ExecContext {
        private final Sgemm sgemm;
        private final FloatLoops loops;
        private final ParallelRunner single = new ParallelRunner(1);
        private final BufferPool none = new BufferPool(0);

        FoldContext(Sgemm sgemm, FloatLoops loops) {
            this.sgemm = sgemm;
            this.loops = loops;
        }

        @Override
        public FloatLoops loops() {
            return loops;
        }

        @Override
        public float[] floats(int n) {
            return new float[n];
        }

        @Override
        public void release(float[] scratch) {
            none.give(scratch);
        }

        @Override
        public ParallelRunner parallel() {
            return single;
        }

        @Override
        public Sgemm sgemm() {
            return sgemm;
        }
    }
}
