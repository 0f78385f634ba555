package org.pot4j.quantization;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.quantization.QuantizerConstraints;
import org.pot4j.core.hardware.HardwareConfig;
import org.pot4j.core.hardware.HardwareConfigs;
import org.pot4j.quantization.bias.FastBiasCorrection;
import org.pot4j.quantization.minmax.MinMaxQuantization;
import org.pot4j.quantization.minmax.QuantizerRange;
import org.pot4j.quantization.statistics.StatisticKeys;

/**
 * Steps 3-5 of POT's DefaultQuantization (POT_SPEC §1): MinMaxQuantization, then FastBiasCorrection, on statistics of
 * the FP32 model collected in one pass, after folding batch normalizations into the convolutions before them
 * ({@link #prepare}). The factory runs {@link ActivationChannelAlignment} (steps 1-2, its own pass) before it, as an
 * {@code AlgorithmSequence}, each step per cascade stage through core's {@code PerStageAlgorithm}. Written once against
 * the neutral graph; the model's format applies the edits through its {@link QuantizationEditor}. GNA's
 * OverflowCorrection is a step of its own after it (the factory adds it); BiasCorrection is not done yet.
 */
public final class DefaultQuantization implements Algorithm {
    public static final String NAME = "DefaultQuantization";
    private static final System.Logger LOG = System.getLogger(DefaultQuantization.class.getName());

    private final DefaultQuantizationParameters params;
    private final HardwareConfig hardware;
    private final Supplier<Engine> graphEngine;
    private final AlignedConvolutions aligned;
    /** Plans by model (identity: the pipeline runs the model it collected statistics on), until {@link #run}. */
    private final Map<Model, Plan> plans = new IdentityHashMap<>();

    /**
     * @param graphEngine creates an engine that runs in-memory neutral graphs (FastBiasCorrection's one-op models), or
     *                    returns null when none is available
     */
    public DefaultQuantization(DefaultQuantizationParameters params, Supplier<Engine> graphEngine) {
        this(params, graphEngine, new AlignedConvolutions());
    }

    /**
     * @param aligned the convolutions ActivationChannelAlignment edited in an earlier step, which the saturation fix
     *                rescales too
     */
    public DefaultQuantization(DefaultQuantizationParameters params, Supplier<Engine> graphEngine,
                               AlignedConvolutions aligned) {
        this.aligned = aligned;
        this.params = params;
        this.hardware = HardwareConfigs.forTargetDevice(params.targetDevice());
        this.graphEngine = graphEngine;
    }

    @Override
    public String name() {
        return NAME;
    }

    public DefaultQuantizationParameters parameters() {
        return params;
    }

    /**
     * A copy with every batch normalization that follows a convolution folded into it
     * ({@link QuantizationEditor#foldBatchNormalization}), when the model has any: POT gets such models already
     * folded by OpenVINO's conversion, and a quantized convolution followed by a float normalization cannot become an
     * integer kernel. The model itself otherwise.
     */
    @Override
    public Model prepare(Model model) {
        requireSingleModel(model);
        return BatchNormFolding.prepare(model, NAME);
    }

    /** MinMax's plan and FastBiasCorrection's targets, kept for {@link #run} on the same model. */
    @Override
    public StatisticsPlan statistics(Model model) {
        requireSingleModel(model);
        Plan plan = plan(model);
        plans.put(model, plan);
        StatisticKeys keys = new StatisticKeys().addAll(plan.minMax().statistics())
                .addAll(FastBiasCorrection.statistics(plan.biasTargets()));
        return new StatisticsPlan(keys.request(), params.statSubsetSize(), params.statBatchSize(), params.shuffleSeed());
    }

    /** Runs on the plan {@link #statistics} made for {@code model} (made now when it made none). */
    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        requireSingleModel(model);
        Plan plan = Optional.ofNullable(plans.remove(model)).orElseGet(() -> plan(model));
        MinMaxQuantization.Plan minMax = plan.minMax();
        Model copy = model.copy();
        QuantizationEditor editor = copy.extension(QuantizationEditor.class).orElseThrow(() -> new AlgorithmException(
                NAME + ": models of format '" + model.format() + "' cannot be quantized (no QuantizationEditor)"));
        Map<String, QuantizerRange> ranges = minMax(model).apply(minMax, statistics, editor);
        LOG.log(System.Logger.Level.INFO, "{0}: {1} FakeQuantize inserted", NAME, minMax.sites().size());
        if (!minMax.compared().tensors().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0}: left in float because their values are compared (Equal, Greater, "
                    + "ArgMax, TopK, ... and what feeds them through MaxPool, Reshape, Sigmoid, ...): {1}", NAME,
                    String.join(", ", minMax.compared().names(minMax.facts())));
        }
        if (!constraints(model).equals(QuantizerConstraints.NONE)) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", NAME, constraints(model).reason());
        }
        FastBiasCorrection fbc = biasCorrection();
        List<FastBiasCorrection.Target> targets = plan.biasTargets();
        if (!targets.isEmpty()) {
            Engine miniEngine = graphEngine.get();
            if (miniEngine == null) {
                LOG.log(System.Logger.Level.WARNING, "{0}: FastBiasCorrection skipped: no engine runs neutral graphs "
                        + "(install the 'reference' engine plugin)", NAME);
            } else {
                try (miniEngine) {
                    List<String> changed = fbc.apply(targets, model.graph(), minMax.sites(), ranges, statistics, editor,
                            miniEngine);
                    LOG.log(System.Logger.Level.INFO, "{0}: FastBiasCorrection changed {1} of {2} biases", NAME,
                            changed.size(), targets.size());
                } catch (Pot4jException e) {
                    throw new AlgorithmException(NAME + ": FastBiasCorrection failed: " + e.getMessage(), e);
                }
            }
        }
        editor.finishQuantization();
        // POT's order (config, then version); a fixed order keeps saved models byte-identical between runs
        Map<String, String> info = new java.util.LinkedHashMap<>();
        info.put("config", "{'preset': '" + params.preset().potName() + "', 'target_device': '" + params.targetDevice()
                + "', 'stat_subset_size': " + params.statSubsetSize() + "}");
        info.put("version", "pot4j DefaultQuantization");
        editor.setQuantizationInfo(info);
        return copy;
    }

    private Plan plan(Model model) {
        MinMaxQuantization.Plan minMax = minMax(model).plan(model.graph(), params.ignoredFor(model.name()));
        return new Plan(minMax, biasCorrection().targets(minMax.facts(), minMax.sites()));
    }

    private MinMaxQuantization minMax(Model model) {
        return new MinMaxQuantization(params, hardware, aligned.of(model.name()), constraints(model));
    }

    private static QuantizerConstraints constraints(Model model) {
        return model.extension(QuantizerConstraints.class).orElse(QuantizerConstraints.NONE);
    }

    private FastBiasCorrection biasCorrection() {
        return new FastBiasCorrection(params.threshold(), params.applyForAllNodes());
    }

    /** What is decided before statistics: MinMax's quantizers and the biases FastBiasCorrection corrects. */
    private record Plan(MinMaxQuantization.Plan minMax, List<FastBiasCorrection.Target> biasTargets) {
    }

    private static void requireSingleModel(Model model) {
        if (model.isCascade()) {
            throw new AlgorithmException(NAME + ": cascade models are not supported yet (model '" + model.name() + "')");
        }
    }
}
