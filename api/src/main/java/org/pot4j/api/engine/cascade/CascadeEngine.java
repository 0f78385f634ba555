package org.pot4j.api.engine.cascade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The base of engines for cascades ({@link Model#isCascade()}): each stage runs in its own delegate engine, created
 * by name through {@link PluginContext#engine(String)} (so any engine, {@code "reference"} or
 * {@code "onnxruntime"}, can run the stages), and a subclass supplies only the cascade logic in
 * {@link #runCascade(DataItem, StageRunner)}.
 *
 * <p>{@link #predict} visits the sampler's samples one at a time (whole images of different sizes cannot be
 * batched; the sampler's batch size is ignored), calls {@code runCascade} for each, and updates the metric with its
 * outputs and the sample's annotation (a batch of one). Statistics are requested at ports qualified with the stage
 * name ({@link CascadePorts}: {@code <stage>/<node>}); each stage inference feeds them, every row of a stage batch
 * as one sample, so one data item yields as many statistic samples as the cascade ran rows through that stage.
 * Stage names are the sub-models' {@link Model#name()}s.
 *
 * <p>Not thread-safe beyond the {@code synchronized} entry points: one pass at a time.
 */
public abstract class CascadeEngine implements Engine {
    private final String name;
    private final EngineSettings settings;
    private final PluginContext context;
    private final String delegateEngine;
    private final Map<String, Object> delegateConfig;
    private final List<StageSlot> slots = new ArrayList<>();
    private Model model;
    private Map<String, StageSlot> byName = Map.of();
    private boolean closed;

    /**
     * @param name           the engine's name
     * @param settings       the cascade engine's settings: its data loader gives whole samples, its metric sees
     *                       the outputs of {@code runCascade}; the device is passed on to the delegates
     * @param context        where the delegate engine factory is looked up
     * @param delegateEngine the name of the engine that runs each stage
     * @param delegateConfig the delegate engines' options
     */
    protected CascadeEngine(String name, EngineSettings settings, PluginContext context, String delegateEngine,
                            Map<String, Object> delegateConfig) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.context = Objects.requireNonNull(context, "context");
        this.delegateEngine = Objects.requireNonNull(delegateEngine, "delegateEngine");
        this.delegateConfig = delegateConfig == null ? Map.of() : Map.copyOf(delegateConfig);
    }

    /**
     * Runs the cascade on one sample.
     *
     * @param item   the sample as the data loader gave it (no batch axis)
     * @param stages runs one stage at a time and feeds its statistics
     * @return the cascade's outputs for this sample (for example detected boxes), which the metric receives
     */
    protected abstract Map<String, Tensor> runCascade(DataItem item, StageRunner stages);

    /**
     * Checks that the stages suit this engine (their number, inputs, outputs) before delegates load them.
     *
     * @throws EngineException naming the stage and what is wrong
     */
    protected void checkStages(List<Model> stages) {
    }

    @Override
    public final String name() {
        return name;
    }

    /** The settings this engine was created with. */
    protected final EngineSettings settings() {
        return settings;
    }

    /** The name of the engine running each stage. */
    public final String delegateEngine() {
        return delegateEngine;
    }

    /**
     * Loads a cascade: each sub-model into its own delegate engine (created on first use and kept for later models).
     *
     * @throws EngineException when the model is not a cascade, a stage name is invalid or repeated, the delegate
     *                         engine is not available, or a delegate cannot load its stage (naming the stage)
     */
    @Override
    public synchronized void setModel(Model cascade) {
        checkOpen();
        Objects.requireNonNull(cascade, "model");
        if (!cascade.isCascade()) {
            throw new EngineException("engine '" + name + "': model '" + cascade.name() + "' is not a cascade (it has"
                    + " no sub-models); run single models with engine '" + delegateEngine + "'");
        }
        List<Model> stages = cascade.subModels();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            String stage = stages.get(i).name();
            try {
                CascadePorts.checkStageName(stage);
            } catch (IllegalArgumentException e) {
                throw new EngineException("engine '" + name + "': cascade '" + cascade.name() + "' stage " + i + ": "
                        + e.getMessage());
            }
            Integer before = seen.put(stage, i);
            if (before != null) {
                throw new EngineException("engine '" + name + "': cascade '" + cascade.name() + "' has two stages named '"
                        + stage + "' (stages " + before + " and " + i + ")");
            }
        }
        checkStages(stages);
        EngineFactory factory = context.engine(delegateEngine).orElseThrow(() -> new EngineException("engine '" + name
                + "': the delegate engine '" + delegateEngine + "' that should run the stages is not available (is its "
                + "plugin on the class path?)"));
        Map<String, StageSlot> named = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            Model stage = stages.get(i);
            if (i == slots.size()) {
                StageFeed feed = new StageFeed("stage " + i + " rows of cascade engine '" + name + "'");
                Engine delegate;
                try {
                    delegate = factory.create(new EngineSettings(settings.device(), delegateConfig, feed,
                            Optional.empty()), context);
                } catch (Pot4jException e) {
                    throw new EngineException("engine '" + name + "': cannot create delegate engine '" + delegateEngine
                            + "' for stage '" + stage.name() + "': " + e.getMessage(), e);
                }
                slots.add(new StageSlot(feed, delegate));
            }
            StageSlot slot = slots.get(i);
            try {
                slot.load(stage);
            } catch (Pot4jException e) {
                throw new EngineException("engine '" + name + "': stage '" + stage.name() + "' of cascade '"
                        + cascade.name() + "' cannot be loaded into engine '" + delegateEngine + "': " + e.getMessage(), e);
            }
            named.put(stage.name(), slot);
        }
        this.byName = Collections.unmodifiableMap(named);
        this.model = cascade;
    }

    @Override
    public synchronized Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    /**
     * Runs the cascade on one sample without statistics.
     *
     * @param inputs the sample's inputs as the data loader gives them (no batch axis)
     */
    @Override
    public synchronized Map<String, Tensor> infer(Map<String, Tensor> inputs) {
        checkModel();
        return runCascade(new DataItem(inputs, null, Map.of()), new Runner(StageStatistics.none()));
    }

    @Override
    public synchronized PredictResult predict(PredictRequest request) {
        checkModel();
        Map<String, Model> stages = new LinkedHashMap<>();
        byName.forEach((stage, slot) -> stages.put(stage, slot.model));
        StageStatistics statistics = StageStatistics.create(request.statistics(), stages, name);
        Runner runner = new Runner(statistics);
        Optional<Metric> metric = request.computeMetrics() ? settings.metric() : Optional.empty();
        metric.ifPresent(Metric::reset);
        ProgressListener progress = request.progress();
        progress.started("cascade " + model.name(), request.sampler().size());
        long done = 0;
        DataLoader loader = settings.dataLoader();
        for (int index : request.sampler().indices()) {
            if (index >= loader.size()) {
                throw new DataException("sample " + index + " is outside data loader '" + loader.description()
                        + "' of " + loader.size() + " samples");
            }
            DataItem item = loader.get(index);
            Map<String, Tensor> outputs;
            try {
                outputs = runCascade(item, runner);
            } catch (DataException e) {
                throw new DataException("sample " + index + " of '" + loader.description() + "': " + e.getMessage(), e);
            } catch (Pot4jException e) {
                throw new EngineException("engine '" + name + "', sample " + index + " of '" + loader.description()
                        + "': " + e.getMessage(), e);
            }
            if (metric.isPresent()) {
                metric.get().update(outputs, Collections.singletonList(item.annotation()));
            }
            progress.progressed(++done);
        }
        progress.finished();
        return new PredictResult(metric.map(Metric::averageValue).orElse(Map.of()), statistics.results());
    }

    @Override
    public DataLoader dataLoader() {
        return settings.dataLoader();
    }

    @Override
    public Optional<Metric> metric() {
        return settings.metric();
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

    /** A delegate engine, its feed, and what it knows of the stage model it holds. */
    private static final class StageSlot {
        final StageFeed feed;
        final Engine engine;
        Model model;
        /** The fixed batch size of the stage's inputs, or 0 when axis 0 is dynamic. */
        int fixedBatch;
        /** The ports the stage's Results read, each with the output names it carries. */
        Map<PortRef, List<String>> outputs;

        StageSlot(StageFeed feed, Engine engine) {
            this.feed = feed;
            this.engine = engine;
        }

        void load(Model stage) {
            engine.setModel(stage);
            this.model = stage;
            this.fixedBatch = fixedBatch(stage);
            this.outputs = outputPorts(stage);
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

        private static Map<PortRef, List<String>> outputPorts(Model stage) {
            Map<PortRef, List<String>> out = new LinkedHashMap<>();
            for (Node result : stage.graph().results()) {
                PortRef port = result.input(0).orElseThrow();
                OutputPort op = stage.graph().outputPort(port);
                // the same naming the engines use for infer outputs
                String outName = op.tensorNames().isEmpty() ? result.name() : op.tensorNames().get(0);
                out.computeIfAbsent(port, k -> new ArrayList<>()).add(outName);
            }
            return out;
        }
    }

    /** Runs stages in their delegates and feeds the pass's statistics. */
    private final class Runner implements StageRunner {
        private final StageStatistics statistics;

        Runner(StageStatistics statistics) {
            this.statistics = statistics;
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
            Map<PortRef, Map<String, Statistic.Accumulator>> feeds = statistics.forStage(stage);
            Map<String, List<Tensor>> parts = new LinkedHashMap<>();
            for (int from = 0; from < rows; from += chunk) {
                int valid = Math.min(chunk, rows - from);
                Map<String, Tensor> chunkInputs = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                    chunkInputs.put(e.getKey(), padded(e.getValue().slice(from, from + valid), chunk));
                }
                Map<String, Tensor> out;
                try {
                    out = feeds.isEmpty() ? slot.engine.infer(chunkInputs)
                            : inferWithStatistics(slot, chunkInputs, valid, chunk, feeds);
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
            parts.forEach((k, v) -> result.put(k, Tensor.concatBatch(v)));
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

        /** The delegate's predict pass over the chunk's rows, with the stage's statistics and its outputs captured. */
        private Map<String, Tensor> inferWithStatistics(StageSlot slot, Map<String, Tensor> inputs, int valid,
                                                        int batch, Map<PortRef, Map<String, Statistic.Accumulator>> feeds) {
            StatisticsRequest.Builder request = StatisticsRequest.builder();
            feeds.forEach((port, named) -> {
                for (Statistic s : StageStatistics.forwarding(named, valid, batch)) {
                    request.add(port, s);
                }
            });
            Map<PortRef, StageStatistics.Capture> captures = new LinkedHashMap<>();
            for (PortRef port : slot.outputs.keySet()) {
                StageStatistics.Capture c = new StageStatistics.Capture();
                captures.put(port, c);
                request.add(port, c);
            }
            List<DataItem> rows = new ArrayList<>(batch);
            for (int r = 0; r < batch; r++) {
                Map<String, Tensor> row = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                    Tensor t = e.getValue();
                    long[] dims = t.shape().dims();
                    row.put(e.getKey(), t.slice(r, r + 1).reshape(Shape.of(java.util.Arrays.copyOfRange(dims, 1,
                            dims.length))));
                }
                rows.add(new DataItem(row, null, Map.of()));
            }
            slot.feed.set(rows);
            try {
                slot.engine.predict(PredictRequest.statistics(Sampler.sequential(batch, batch), request.build(),
                        ProgressListener.NONE));
            } finally {
                slot.feed.clear();
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            captures.forEach((port, c) -> {
                if (c.value() == null) {
                    throw new EngineException("delegate engine '" + delegateEngine + "' returned no value at output port "
                            + port);
                }
                for (String outName : slot.outputs.get(port)) {
                    out.put(outName, c.value());
                }
            });
            return out;
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
