package org.pot4j.engine.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.RuntimeInspection;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.SerializedModel.ObservedCopy;
import org.pot4j.api.model.SerializedModel.ObservedOutput;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Tensor;

/**
 * Runs ONNX models in ONNX Runtime. {@link #infer} returns every model output by name; with a {@link PortObserver} it
 * runs a session of a copy of the model whose outputs also carry the observed ports: the reductions a port asks for,
 * computed by nodes added to the graph (only {@code [N]} or {@code [N, C]} values cross into Java), or the whole
 * tensor ({@link OrtObservedPorts} decides). The model reaches the engine as the API's
 * {@link org.pot4j.api.model.SerializedModel}, so the ONNX plugin's classes are never needed here.
 */
public final class OrtEngine implements Engine {
    private final String name;
    private final String device;
    private final OrtEngineOptions options;
    private final PluginContext context;
    private Model model;
    private OrtModelDocument document;
    private OrtSession session;
    private List<String> inputNames = List.of();
    private List<String> outputNames = List.of();
    /** The session of the last observed ports; kept while observers ask for the same ports and reductions. */
    private ObservedSession observed;
    /** The last observer's ports and what {@link OrtObservedPorts} made of them. */
    private Map<PortRef, Set<Reduction>> lastPorts = Map.of();
    private Map<PortRef, Set<Reduction>> lastPlan = Map.of();
    /** Inputs whose axis 0 is fixed at 1 in the model: another batch runs through {@link #anyBatchSession}. */
    private Set<String> batchOneInputs = Set.of();
    /** The session of the model's symbolic-batch copy, made on the first batch other than 1. */
    private OrtSession anyBatchSession;
    private boolean closed;
    /**
     * Whether the loaded model takes inputs of any size (MT-CNN's P-Net on every pyramid level, R-Net and O-Net on
     * as many rows as candidates): ONNX Runtime's CPU arena and memory patterns then keep blocks for every size seen,
     * so its sessions go without them.
     */
    private boolean inputsOfAnySize;

    /**
     * An engine with no model loaded; for this module's factory and for engines built on it (the onnxruntime-gpu
     * plugin runs it with ONNX Runtime's GPU build).
     *
     * @param name    the engine name ({@link #name()}), its factory's
     * @param device  {@code CPU}, or {@code GPU}: sessions then get ONNX Runtime's CUDA execution provider
     * @param options the bound options ({@code cuda_device} picks the GPU)
     * @param context the host, for formats and logging
     */
    public OrtEngine(String name, String device, OrtEngineOptions options, PluginContext context) {
        this.name = name;
        this.device = device;
        this.options = options;
        this.context = context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void setModel(Model newModel) {
        checkOpen();
        OrtModelDocument.requireOnnx(newModel);
        Set<String> parameters = parameterNames(newModel); // first: a snapshot of the model then shares its view
        OrtModelDocument doc = OrtModelDocument.of(newModel, context);
        this.inputsOfAnySize = inputsOfAnySize(newModel);
        OrtSession s = newSession(doc.description(), doc.bytes());
        closeSessions();
        this.model = newModel;
        this.document = doc;
        this.session = s;
        this.inputNames = feedableInputs(parameters, s.getInputNames());
        this.outputNames = List.copyOf(s.getOutputNames());
        this.batchOneInputs = batchOneInputs(s, inputNames);
    }

    /** Whether an input of the model's view has a dynamic axis. */
    private static boolean inputsOfAnySize(Model model) {
        try {
            for (org.pot4j.api.graph.Node p : model.graph().parameters()) {
                long[] dims = p.outputs().get(0).shape().dims();
                for (long d : dims) {
                    if (d < 0) {
                        return true;
                    }
                }
            }
        } catch (RuntimeException e) {
            return false; // no neutral view: ONNX Runtime's defaults
        }
        return false;
    }

    private static Set<String> batchOneInputs(OrtSession s, List<String> inputs) {
        Set<String> out = new java.util.HashSet<>();
        try {
            for (Map.Entry<String, ai.onnxruntime.NodeInfo> e : s.getInputInfo().entrySet()) {
                if (inputs.contains(e.getKey()) && e.getValue().getInfo() instanceof ai.onnxruntime.TensorInfo t
                        && t.getShape().length > 0 && t.getShape()[0] == 1) {
                    out.add(e.getKey());
                }
            }
        } catch (OrtException e) {
            return Set.of(); // no input metadata: ONNX Runtime itself reports a wrong batch when run
        }
        return Set.copyOf(out);
    }

    /**
     * The inputs a caller feeds: models of IR version < 4 also list their initializers as graph inputs, which ONNX
     * Runtime fills from the initializers when not given; the model's Parameters are the real inputs.
     */
    private static List<String> feedableInputs(Set<String> parameters, java.util.Collection<String> sessionInputs) {
        if (parameters == null) {
            return List.copyOf(sessionInputs); // no neutral view (ONNX Runtime judges the model itself)
        }
        List<String> feedable = sessionInputs.stream().filter(parameters::contains).toList();
        return feedable.isEmpty() ? List.copyOf(sessionInputs) : feedable;
    }

    /** The names of the model's Parameters, or null when its neutral view cannot be built. */
    private static Set<String> parameterNames(Model model) {
        Set<String> parameters = new java.util.HashSet<>();
        try {
            model.graph().parameters().forEach(p -> parameters.add(p.name()));
        } catch (org.pot4j.api.error.Pot4jException e) {
            return null;
        }
        return parameters;
    }

    private OrtSession newSession(String what, byte[] bytes) {
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSession.SessionOptions so = sessionOptions(options.optimizationLevel())) {
            return env.createSession(bytes, so);
        } catch (OrtException e) {
            throw new EngineException(what + ": ONNX Runtime refused the model: " + e.getMessage(), e);
        }
    }

    /** Session options from the engine's options, at optimization level {@code level}. */
    OrtSession.SessionOptions sessionOptions(String level) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                so.setInterOpNumThreads(options.interOpThreads());
            }
            if (inputsOfAnySize) {
                so.setCPUArenaAllocator(false);
                so.setMemoryPatternOptimization(false);
            }
            so.setOptimizationLevel(switch (level) {
                case "disabled" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            for (Map.Entry<String, String> e : options.sessionConfig().entrySet()) {
                so.addConfigEntry(e.getKey(), e.getValue());
            }
            if (device.equals("GPU")) {
                try {
                    so.addCUDA(options.cudaDevice());
                } catch (OrtException e) {
                    throw new EngineException("device GPU: ONNX Runtime's CUDA execution provider could not start on "
                            + "CUDA device " + options.cudaDevice() + ": " + e.getMessage()
                            + OrtCudaProbe.of(OrtEngine.class.getClassLoader()).missingCuda().map(m -> " (" + m + ")")
                                    .orElse(" (are the CUDA drivers and libraries installed?)"), e);
                }
            }
            return so;
        } catch (OrtException | RuntimeException e) {
            so.close();
            throw e;
        }
    }

    @Override
    public synchronized Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public synchronized Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
        checkModel();
        Map<String, Tensor> bound = bind(inputs);
        boolean otherBatch = otherBatch(bound);
        if (observer.ports().isEmpty()) {
            return runAtBatch(otherBatch ? anyBatchSession(bound) : session, bound, new LinkedHashSet<>(outputNames),
                    otherBatch);
        }
        ObservedSession s = observedSession(plan(observer), otherBatch, bound);
        Set<String> wanted = new LinkedHashSet<>(outputNames);
        s.outputs().forEach(o -> wanted.add(o.output()));
        Map<String, Tensor> all = runAtBatch(s.session(), bound, wanted, s.anyBatch());
        for (ObservedOutput o : s.outputs()) {
            Tensor value = all.get(o.output());
            if (o.isWhole()) {
                observer.whole(o.port(), value);
            } else {
                observer.reduced(o.port(), o.reduction().get(), value);
            }
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        outputNames.forEach(n -> outputs.put(n, all.get(n)));
        return outputs;
    }

    /** {@link #run}, saying in a failure when the session is the symbolic-batch copy's. */
    private Map<String, Tensor> runAtBatch(OrtSession s, Map<String, Tensor> bound, Set<String> wanted,
                                           boolean symbolicCopy) {
        try {
            return run(s, bound, wanted);
        } catch (EngineException e) {
            if (!symbolicCopy) {
                throw e;
            }
            throw new EngineException(e.getMessage() + " (run through the model's copy with a symbolic batch, "
                    + "OnnxSymbolicBatch, which leaves a batch of 1 hidden elsewhere in the graph as it is)", e);
        }
    }

    /** What {@link OrtObservedPorts} makes of the observer's ports; the same ports give the same plan. */
    private Map<PortRef, Set<Reduction>> plan(PortObserver observer) {
        Map<PortRef, Set<Reduction>> ports = observer.ports();
        if (!ports.equals(lastPorts)) {
            lastPlan = OrtObservedPorts.plan(model, document.description(), observer);
            lastPorts = Map.copyOf(ports);
        }
        return lastPlan;
    }

    /** Whether an input whose axis 0 the model fixes at 1 is given another batch. */
    private boolean otherBatch(Map<String, Tensor> bound) {
        for (String name : batchOneInputs) {
            Tensor t = bound.get(name);
            if (t != null && t.shape().rank() > 0 && t.shape().dim(0) != 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * The session of the model's copy with a symbolic batch ({@code OnnxSymbolicBatch}), made once: a batch-1 export
     * then runs at any batch.
     */
    private OrtSession anyBatchSession(Map<String, Tensor> bound) {
        if (anyBatchSession == null) {
            var copy = document.anyBatch(batchProblem(bound));
            anyBatchSession = newSession(copy.description(), copy.bytes());
        }
        return anyBatchSession;
    }

    /** The bytes of the model's copy with a symbolic batch, or an EngineException saying why there is none. */
    private byte[] anyBatchBytes(Map<String, Tensor> bound) {
        return document.anyBatch(batchProblem(bound)).bytes();
    }

    /** Which input is given another batch than the model's fixed batch of 1, for messages. */
    private String batchProblem(Map<String, Tensor> bound) {
        String given = bound.entrySet().stream().filter(e -> batchOneInputs.contains(e.getKey()))
                .map(e -> "'" + e.getKey() + "' " + e.getValue().shape()).findFirst().orElse("");
        return "input " + given + " is given another batch than the model's fixed batch of 1";
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        if (type == RuntimeInspection.class) {
            return Optional.of(type.cast(new Inspection()));
        }
        return Optional.empty();
    }

    /** The kernel report of the loaded model; see {@link OrtKernelInspector}. */
    private final class Inspection implements RuntimeInspection {
        @Override
        public KernelReport inspect() {
            return OrtEngine.this.inspect(Map.of(), 0);
        }

        @Override
        public KernelReport inspect(Map<String, Tensor> inputs, int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            return OrtEngine.this.inspect(inputs, runs);
        }
    }

    /**
     * Writes ONNX Runtime's optimized graph of the loaded model at level extended (portable ops; all adds
     * hardware-specific layouts) and reads it; with {@code runs > 0}, also profiles that many inferences of
     * {@code inputs} at the engine's own level.
     */
    private synchronized KernelReport inspect(Map<String, Tensor> inputs, int runs) {
        checkModel();
        String level = options.optimizationLevel();
        String inspected = level.equals("all") ? "extended" : level;
        OrtEnvironment env = OrtRuntime.environment();
        Path dir;
        try {
            dir = Files.createTempDirectory("pot4j-ort-inspect");
        } catch (IOException e) {
            throw new EngineException(document.description() + ": cannot create a temporary folder for ONNX Runtime's "
                    + "optimized model: " + e.getMessage(), e);
        }
        try {
            Path optimized = dir.resolve("optimized.onnx");
            try (OrtSession.SessionOptions so = sessionOptions(inspected)) {
                so.setOptimizedModelFilePath(optimized.toString());
                env.createSession(document.bytes(), so).close();
            } catch (OrtException e) {
                throw new EngineException(document.description() + ": ONNX Runtime refused the model: "
                        + e.getMessage(), e);
            }
            org.pot4j.engine.ort.proto.OnnxSubset.ModelProto graph;
            try {
                graph = org.pot4j.engine.ort.proto.OnnxSubset.ModelProto.parseFrom(Files.readAllBytes(optimized));
            } catch (IOException e) {
                throw new EngineException(document.description() + ": cannot read ONNX Runtime's optimized model "
                        + optimized + ": " + e.getMessage(), e);
            }
            String runtime = "ONNX Runtime " + env.getVersion() + ", " + device + ", optimization level " + inspected
                    + (level.equals(inspected) ? "" : " (the engine runs at " + level + ")");
            String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
            boolean x86 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86") || arch.equals("i386");
            KernelReport report = OrtKernelInspector.report(runtime, document.graph(), graph.getGraph(),
                    inspected, inspected.equals("extended"), x86);
            return runs > 0 ? report.withKernelMillis(profile(inputs, runs, dir)) : report;
        } finally {
            deleteTree(dir);
        }
    }

    /** Kernel milliseconds per inference by op type over {@code runs} inferences, after one untimed. */
    private Map<String, Double> profile(Map<String, Tensor> inputs, int runs, Path dir) {
        Map<String, Tensor> bound = bind(inputs);
        byte[] bytes = otherBatch(bound) ? anyBatchBytes(bound) : document.bytes();
        OrtEnvironment env = OrtRuntime.environment();
        String trace;
        try (OrtSession.SessionOptions so = sessionOptions(options.optimizationLevel())) {
            so.enableProfiling(dir.resolve("profile").toString());
            try (OrtSession s = env.createSession(bytes, so)) {
                for (int i = 0; i <= runs; i++) {
                    run(s, bound, new LinkedHashSet<>(outputNames));
                }
                trace = s.endProfiling();
            }
        } catch (OrtException e) {
            throw new EngineException(document.description() + ": profiling in ONNX Runtime failed: " + e.getMessage(), e);
        }
        try {
            Path file = Path.of(trace);
            Map<String, Double> millis = OrtProfile.kernelMillisByOp(Files.readString(file), runs);
            Files.deleteIfExists(file);
            return millis;
        } catch (IOException e) {
            throw new EngineException(document.description() + ": cannot read ONNX Runtime's profile " + trace + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Model inputs by their ONNX names; the unnamed input of a one-input loader goes to the only model input. */
    private Map<String, Tensor> bind(Map<String, Tensor> given) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : given.entrySet()) {
            String name = e.getKey();
            if (DataItem.UNNAMED.equals(name)) {
                if (inputNames.size() != 1) {
                    throw new EngineException(document.description() + ": an unnamed input was given but the model has "
                            + inputNames.size() + " inputs " + inputNames);
                }
                name = inputNames.get(0);
            } else if (!inputNames.contains(name)) {
                throw new EngineException(document.description() + ": input '" + name
                        + "' is not an input of the model; its inputs are " + inputNames);
            }
            if (out.put(name, e.getValue()) != null) {
                throw new EngineException(document.description() + ": input '" + name + "' was given twice");
            }
        }
        List<String> missing = new ArrayList<>(inputNames);
        missing.removeAll(out.keySet());
        if (!missing.isEmpty()) {
            throw new EngineException(document.description() + ": inputs " + missing + " were not given");
        }
        return out;
    }

    private Map<String, Tensor> run(OrtSession s, Map<String, Tensor> inputs, Set<String> wanted) {
        OrtEnvironment env = OrtRuntime.environment();
        Map<String, OnnxTensor> ortInputs = new HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                ortInputs.put(e.getKey(), OrtTensors.toOrt(env, e.getKey(), e.getValue()));
            }
            try (OrtSession.Result result = s.run(ortInputs, wanted)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    if (!(e.getValue() instanceof OnnxTensor)) {
                        throw new EngineException(document.description() + ": output '" + e.getKey()
                                + "' is not a tensor (" + e.getValue().getType() + ")");
                    }
                    out.put(e.getKey(), OrtTensors.fromOrt(e.getKey(), (OnnxTensor) e.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new EngineException(document.description() + ": inference failed for inputs " + describe(inputs)
                    + ": " + e.getMessage(), e);
        } finally {
            ortInputs.values().forEach(OnnxTensor::close);
        }
    }

    private static String describe(Map<String, Tensor> inputs) {
        StringBuilder b = new StringBuilder("{");
        inputs.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return b.append('}').toString();
    }

    /**
     * The session with outputs for {@code plan} (on the symbolic-batch copy when {@code otherBatch}), kept while the
     * plan stays the same; once a plan needed the copy, its session serves every batch.
     */
    private ObservedSession observedSession(Map<PortRef, Set<Reduction>> plan, boolean otherBatch,
                                            Map<String, Tensor> bound) {
        if (observed != null && observed.plan().equals(plan) && (observed.anyBatch() || !otherBatch)) {
            return observed;
        }
        if (observed != null) {
            close(observed.session());
            observed = null;
        }
        ObservedCopy copy = document.observed(plan, otherBatch ? batchProblem(bound) : null);
        OrtSession s = newSession(document.description() + (otherBatch ? " (its copy with a symbolic batch)" : "")
                + " with outputs for " + plan.size() + " observed ports", copy.bytes());
        observed = new ObservedSession(plan, otherBatch, s, copy.outputs());
        return observed;
    }

    /** A session with outputs for observed ports, and which output carries which port, whole or reduced. */
    private record ObservedSession(Map<PortRef, Set<Reduction>> plan, boolean anyBatch, OrtSession session,
                                   List<ObservedOutput> outputs) {
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closeSessions();
            closed = true;
        }
    }

    private void closeSessions() {
        close(session);
        close(observed == null ? null : observed.session());
        close(anyBatchSession);
        session = null;
        observed = null;
        anyBatchSession = null;
        lastPorts = Map.of();
        lastPlan = Map.of();
    }

    private static void close(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException e) {
                // closing releases native memory; a failure leaves nothing to recover
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new EngineException("the onnxruntime engine is closed");
        }
    }

    private void checkModel() {
        checkOpen();
        if (session == null) {
            throw new EngineException("no model is loaded: call setModel first");
        }
    }
}
