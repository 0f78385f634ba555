package org.pot4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.conformance.CaseOutcome.Status;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Runs node cases on the reference engine, one engine per case, each under a time limit so an engine that loops
 * forever on one case fails that case and not the whole suite.
 */
final class OnnxCaseRunner implements AutoCloseable {
    private static final long TIME_LIMIT_SECONDS = 30;

    private final OnnxModelFormat format = new OnnxModelFormat();
    private final ReferenceEngineFactory engines = new ReferenceEngineFactory();
    private final PluginContext context;
    private ExecutorService worker = newWorker();
    private Path foldedDir;

    OnnxCaseRunner(PluginContext context) {
        this.context = context;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onnx-node-case");
            t.setDaemon(true); // a case that never ends must not keep the JVM alive
            return t;
        });
    }

    /** Runs {@code c}, whose model is {@code document}, attributing it to ONNX op {@code op}. */
    CaseOutcome run(OnnxNodeCase c, OnnxCaseModel document, String op) {
        Future<CaseOutcome> future = worker.submit(() -> runNow(c, document, op));
        try {
            return future.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is abandoned (daemon); later cases get a fresh one
            return new CaseOutcome(c.name(), op, Status.FAILED, "did not finish in " + TIME_LIMIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + c.name(), e);
        } catch (ExecutionException e) {
            return new CaseOutcome(c.name(), op, Status.FAILED, "crashed: " + describe(e.getCause()));
        }
    }

    private CaseOutcome runNow(OnnxNodeCase c, OnnxCaseModel document, String op) {
        Model model;
        List<String> folded = List.of();
        try {
            model = format.read(ModelSource.of(c.model()));
        } catch (RuntimeException plain) {
            Optional<RecordedInputFolding.Folded> f = RecordedInputFolding.fold(c, foldedModels());
            if (f.isEmpty()) {
                return new CaseOutcome(c.name(), op, Status.UNREADABLE, describe(plain));
            }
            try {
                model = format.read(ModelSource.of(f.get().model()));
            } catch (RuntimeException again) {
                return new CaseOutcome(c.name(), op, Status.UNREADABLE, describe(plain)
                        + " (with recorded inputs " + f.get().folded() + " folded: " + describe(again) + ")");
            }
            folded = List.copyOf(f.get().folded());
        }
        try (Engine engine = engines.create(EngineSettings.cpu(Map.of("threads", 1)), context)) {
            try {
                engine.setModel(model);
            } catch (EngineException e) {
                return new CaseOutcome(c.name(), op, Status.UNSUPPORTED, describe(e), folded);
            }
            Map<String, Tensor> inputs;
            List<Tensor> expected;
            try {
                inputs = inputs(c, document.graph());
                inputs.keySet().removeAll(folded);
                expected = expectedOutputs(c, document.graph());
            } catch (IllegalArgumentException e) {
                return new CaseOutcome(c.name(), op, Status.UNSUPPORTED, "test data: " + describe(e), folded);
            }
            Map<String, Tensor> actual;
            try {
                actual = engine.infer(inputs);
            } catch (RuntimeException e) {
                return new CaseOutcome(c.name(), op, Status.FAILED, "inference threw " + describe(e), folded);
            }
            CaseOutcome o = compare(c, op, document.graph(), expected, actual);
            return new CaseOutcome(o.caseName(), o.op(), o.status(), o.detail(), folded);
        }
    }

    /** The folder for folded models, made on first use and deleted by {@link #close()}. */
    private synchronized Path foldedModels() {
        if (foldedDir == null) {
            try {
                foldedDir = Files.createTempDirectory("pot4j-onnx-folded");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for folded models", e);
            }
        }
        return foldedDir;
    }

    /** The graph inputs the recorded {@code input_N.pb} files feed: those that are not initializers, in order. */
    static List<String> feedNames(GraphProto graph) {
        return declaredFeeds(graph).stream().map(ValueInfoProto::getName).toList();
    }

    private static List<ValueInfoProto> declaredFeeds(GraphProto graph) {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.add(t.getName());
        }
        List<ValueInfoProto> declared = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!initializers.contains(v.getName())) {
                declared.add(v);
            }
        }
        return declared;
    }

    /** Recorded inputs by model input name: graph inputs that are not initializers, in order. */
    private static Map<String, Tensor> inputs(OnnxNodeCase c, GraphProto graph) {
        List<ValueInfoProto> declared = declaredFeeds(graph);
        List<String> names = declared.stream().map(ValueInfoProto::getName).toList();
        if (names.size() != c.inputs().size()) {
            throw new IllegalArgumentException(c.name() + " has " + c.inputs().size() + " input files for model inputs "
                    + names);
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Path file = c.inputs().get(i);
            inputs.put(names.get(i), asDeclared(decode(file.toString(), OnnxNodeCase.readTensor(file)), declared.get(i)));
        }
        return inputs;
    }

    private static List<Tensor> expectedOutputs(OnnxNodeCase c, GraphProto graph) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < c.outputs().size(); i++) {
            Path file = c.outputs().get(i);
            Tensor t = decode(file.toString(), OnnxNodeCase.readTensor(file));
            out.add(i < graph.getOutputCount() ? asDeclared(t, graph.getOutput(i)) : t);
        }
        return out;
    }

    /**
     * ONNX 1.12's generator stores bfloat16 values as uint16 bit patterns (numpy has no bfloat16); the model's
     * declaration says what they are.
     */
    private static Tensor asDeclared(Tensor t, ValueInfoProto declared) {
        boolean bfloat16 = declared.getType().getTensorType().getElemType() == TensorProto.DataType.BFLOAT16_VALUE;
        return bfloat16 && t.elementType() == ElementType.U16 ? Tensor.of(ElementType.BF16, t.shape(), t.data()) : t;
    }

    private static Tensor decode(String file, TensorProto proto) {
        try {
            return OnnxTensors.decode(proto, p -> {
                throw new IllegalArgumentException("external data in a test data file");
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Engine outputs are matched by ONNX output name, else by position (an output may be another name of an input). */
    private static CaseOutcome compare(OnnxNodeCase c, String op, GraphProto graph, List<Tensor> expected,
            Map<String, Tensor> actual) {
        List<Tensor> byPosition = new ArrayList<>(actual.values());
        if (graph.getOutputCount() != expected.size()) {
            return new CaseOutcome(c.name(), op, Status.FAILED, "the model has " + graph.getOutputCount()
                    + " outputs but the case records " + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            String name = graph.getOutput(i).getName();
            Tensor got = actual.get(name);
            if (got == null && actual.size() == expected.size()) {
                got = byPosition.get(i);
            }
            if (got == null) {
                return new CaseOutcome(c.name(), op, Status.FAILED, "no output '" + name + "' among " + actual.keySet());
            }
            Optional<String> difference = TensorComparison.difference(expected.get(i), got);
            if (difference.isPresent()) {
                return new CaseOutcome(c.name(), op, Status.FAILED, "output '" + name + "': " + difference.get());
            }
        }
        return new CaseOutcome(c.name(), op, Status.PASSED, "");
    }

    /** The message, on one line, prefixed by the exception's simple class name when that says more. */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").trim();
        boolean ours = e instanceof org.pot4j.api.error.Pot4jException;
        return ours && !message.isEmpty() ? message : e.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        Path dir;
        synchronized (this) {
            dir = foldedDir;
            foldedDir = null;
        }
        if (dir != null) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                System.err.println("could not delete the folded models in " + dir + ": " + e.getMessage());
            }
        }
    }
}
