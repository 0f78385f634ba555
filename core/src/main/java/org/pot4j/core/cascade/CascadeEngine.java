package org.pot4j.core.cascade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.cascade.Cascade;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.engine.cascade.StageRunner;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The engine of cascade models ({@link Model#isCascade()}): each stage runs in its own delegate engine, created by
 * name through {@link PluginContext#engine(String)} (so any engine, {@code "reference"} or {@code "onnxruntime"}, can
 * run the stages), and a {@link Cascade} supplies the logic that runs them on one sample.
 *
 * <p>It takes one sample at a time as a data loader gives it ({@link #batchesSamples()} is false: whole images of
 * different sizes cannot be batched). Ports are qualified with the stage name ({@link CascadePorts}:
 * {@code <stage>/<node>}); each stage inference shows the observer the stage's observed ports one row of the stage
 * batch at a time (padding rows left out), so one sample yields as many statistic samples as the cascade ran rows
 * through that stage, and one {@link #infer} makes many observer calls per port where a plain engine makes one.
 * Stage names are the sub-models' {@link Model#name()}s.
 *
 * <p>Not thread-safe beyond the {@code synchronized} entry points: one inference at a time.
 */
public final class CascadeEngine implements Engine {
    private final String name;
    private final EngineSettings settings;
    private final PluginContext context;
    private final String delegateEngine;
    private final Map<String, Object> delegateConfig;
    private final Cascade cascade;
    private final List<StageSlot> slots = new ArrayList<>();
    private Model model;
    private Map<String, StageSlot> byName = Map.of();
    private Map<String, Model> stageModels = Map.of();
    private boolean closed;

    /**
     * @param name           the engine's name
     * @param settings       the cascade engine's settings; the device is passed on to the delegates
     * @param context        where the delegate engine factory is looked up
     * @param delegateEngine the name of the engine that runs each stage
     * @param delegateConfig the delegate engines' options
     * @param cascade        the logic running the stages on one sample
     */
    public CascadeEngine(String name, EngineSettings settings, PluginContext context, String delegateEngine,
                         Map<String, Object> delegateConfig, Cascade cascade) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.context = Objects.requireNonNull(context, "context");
        this.delegateEngine = Objects.requireNonNull(delegateEngine, "delegateEngine");
        this.delegateConfig = delegateConfig == null ? Map.of() : Map.copyOf(delegateConfig);
        this.cascade = Objects.requireNonNull(cascade, "cascade");
    }

    @Override
    public String name() {
        return name;
    }

    /** The name of the engine running each stage. */
    public String delegateEngine() {
        return delegateEngine;
    }

    /** The logic running the stages. */
    public Cascade cascade() {
        return cascade;
    }

    @Override
    public boolean batchesSamples() {
        return false;
    }

    /**
     * Loads a cascade: each sub-model into its own delegate engine (created on first use and kept for later models).
     *
     * @throws EngineException when the model is not a cascade, a stage name is invalid or repeated, the delegate
     *                         engine is not available, or a delegate cannot load its stage (naming the stage)
     */
    @Override
    public synchronized void setModel(Model cascadeModel) {
        checkOpen();
        Objects.requireNonNull(cascadeModel, "model");
        if (!cascadeModel.isCascade()) {
            throw new EngineException("engine '" + name + "': model '" + cascadeModel.name() + "' is not a cascade (it "
                    + "has no sub-models); run single models with engine '" + delegateEngine + "'");
        }
        List<Model> stages = cascadeModel.subModels();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            String stage = stages.get(i).name();
            try {
                CascadePorts.checkStageName(stage);
            } catch (IllegalArgumentException e) {
                throw new EngineException("engine '" + name + "': cascade '" + cascadeModel.name() + "' stage " + i
                        + ": " + e.getMessage());
            }
            Integer before = seen.put(stage, i);
            if (before != null) {
                throw new EngineException("engine '" + name + "': cascade '" + cascadeModel.name() + "' has two stages "
                        + "named '" + stage + "' (stages " + before + " and " + i + ")");
            }
        }
        cascade.checkStages(stages);
        EngineFactory factory = context.engine(delegateEngine).orElseThrow(() -> new EngineException("engine '" + name
                + "': the delegate engine '" + delegateEngine + "' that should run the stages is not available (is its "
                + "plugin on the class path?)"));
        Map<String, StageSlot> named = new LinkedHashMap<>();
        Map<String, Model> models = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            Model stage = stages.get(i);
            if (i == slots.size()) {
                Engine delegate;
                try {
                    delegate = factory.create(new EngineSettings(settings.device(), delegateConfig), context);
                } catch (Pot4jException e) {
                    throw new EngineException("engine '" + name + "': cannot create delegate engine '" + delegateEngine
                            + "' for stage '" + stage.name() + "': " + e.getMessage(), e);
                }
                slots.add(new StageSlot(delegate));
            }
            StageSlot slot = slots.get(i);
            try {
                slot.load(stage);
            } catch (Pot4jException e) {
                throw new EngineException("engine '" + name + "': stage '" + stage.name() + "' of cascade '"
                        + cascadeModel.name() + "' cannot be loaded into engine '" + delegateEngine + "': "
                        + e.getMessage(), e);
            }
            named.put(stage.name(), slot);
            models.put(stage.name(), stage);
        }
        this.byName = Collections.unmodifiableMap(named);
        this.stageModels = Collections.unmodifiableMap(models);
        this.model = cascadeModel;
    }

    @Override
    public synchronized Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    /**
     * Runs the cascade on one sample.
     *
     * @param inputs   the sample's inputs as a data loader gives them (no batch axis)
     * @param observer sees the observed stage ports ({@code <stage>/<node>}) of every stage inference, one row at a
     *                 time
     * @throws EngineException naming a port of the observer that names no stage, or no output port of its stage
     */
    @Override
    public synchronized Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
        checkModel();
        return cascade.run(inputs, new Runner(StagePorts.split(observer, stageModels, name)));
    }

    /** Closes every delegate engine. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (StageSlot slot : slots) {
            slot.engine.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new EngineException("engine '" + name + "' is closed");
        }
    }

    private void checkModel() {
        checkOpen();
        if (model == null) {
            throw new EngineException("engine '" + name + "': no cascade is loaded: call setModel first");
        }
    }

    /** A delegate engine and what it knows of the stage model it holds. */
    private static final class StageSlot {
        final Engine engine;
        Model model;
        /** The fixed batch size of the stage's inputs, or 0 when axis 0 is dynamic. */
        int fixedBatch;

        StageSlot(Engine engine) {
            this.engine = engine;
        }

        void load(Model stage) {
            engine.setModel(stage);
            this.model = stage;
            this.fixedBatch = fixedBatch(stage);
        }

        private static int fixedBatch(Model stage) {
            int fixed = 0;
            for (Node p : stage.graph().parameters()) {
                Shape s = p.outputs().get(0).shape();
                if (s.rank() == 0 || s.dim(0) <= 0) {
                    return 0;
                }
                fixed = Math.max(fixed, (int) s.dim(0));
            }
            return fixed;
        }
    }

    /** Runs stages in their delegates, showing each stage inference's observed ports to the cascade's observer. */
    private final class Runner implements StageRunner {
        private final Map<String, StagePorts> observed;

        Runner(Map<String, StagePorts> observed) {
            this.observed = observed;
        }

        @Override
        public List<String> stageNames() {
            return List.copyOf(byName.keySet());
        }

        @Override
        public Model stage(String stage) {
            return slot(stage).model;
        }

        private StageSlot slot(String stage) {
            StageSlot slot = byName.get(stage);
            if (slot == null) {
                throw new EngineException("engine '" + name + "': the cascade has no stage '" + stage + "' (stages: "
                        + byName.keySet() + ")");
            }
            return slot;
        }

        @Override
        public Map<String, Tensor> run(String stage, Map<String, Tensor> inputs) {
            StageSlot slot = slot(stage);
            int rows = rows(stage, inputs);
            int chunk = slot.fixedBatch > 0 ? slot.fixedBatch : rows;
            StagePorts ports = observed.get(stage);
            Map<String, List<Tensor>> parts = new LinkedHashMap<>();
            for (int from = 0; from < rows; from += chunk) {
                int valid = Math.min(chunk, rows - from);
                Map<String, Tensor> chunkInputs = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                    chunkInputs.put(e.getKey(), padded(e.getValue().slice(from, from + valid), chunk));
                }
                Map<String, Tensor> out;
                try {
                    out = slot.engine.infer(chunkInputs, ports == null ? PortObserver.NONE : ports.rows(valid, chunk));
                } catch (Pot4jException e) {
                    throw new EngineException("stage '" + stage + "' (rows " + from + ".." + (from + valid - 1)
                            + "): " + e.getMessage(), e);
                }
                for (Map.Entry<String, Tensor> e : out.entrySet()) {
                    Tensor t = e.getValue();
                    if (valid < chunk) {
                        if (t.shape().rank() == 0 || t.shape().dim(0) != chunk) {
                            throw new EngineException("stage '" + stage + "': output '" + e.getKey() + "' " + t.shape()
                                    + " has no batch axis of " + chunk + " rows to drop the padding rows from");
                        }
                        t = t.slice(0, valid);
                    }
                    parts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(t);
                }
            }
            Map<String, Tensor> result = new LinkedHashMap<>();
            parts.forEach((k, v) -> result.put(k, v.size() == 1 ? v.get(0) : Tensor.concatBatch(v)));
            return result;
        }

        private int rows(String stage, Map<String, Tensor> inputs) {
            if (inputs.isEmpty()) {
                throw new EngineException("stage '" + stage + "': no inputs given");
            }
            int rows = -1;
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                Shape s = e.getValue().shape();
                if (s.rank() == 0) {
                    throw new EngineException("stage '" + stage + "': input '" + e.getKey() + "' is a scalar; stage "
                            + "inputs carry the batch on axis 0");
                }
                if (rows >= 0 && s.dim(0) != rows) {
                    throw new EngineException("stage '" + stage + "': inputs have different batch sizes (" + rows
                            + " and " + s.dim(0) + " for '" + e.getKey() + "')");
                }
                rows = (int) s.dim(0);
            }
            if (rows == 0) {
                throw new EngineException("stage '" + stage + "': no rows to run (an empty batch); stop the cascade "
                        + "before a stage that has nothing to do");
            }
            return rows;
        }
    }

    /** {@code t} with zero rows appended up to {@code rows} rows. */
    private static Tensor padded(Tensor t, int rows) {
        long have = t.shape().dim(0);
        if (have == rows) {
            return t;
        }
        return Tensor.concatBatch(List.of(t, Tensor.zeros(t.elementType(), t.shape().withDim(0, rows - have))));
    }
}
