package org.pot4j.quantization;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.quantization.QuantizerConstraints;
import org.pot4j.core.hardware.HardwareConfig;
import org.pot4j.core.hardware.HardwareConfigs;
import org.pot4j.quantization.bias.FastBiasCorrection;
import org.pot4j.quantization.minmax.MinMaxQuantization;
import org.pot4j.quantization.minmax.QuantizerRange;

/**
 * Steps 3-5 of POT's DefaultQuantization (POT_SPEC §1): MinMaxQuantization, then FastBiasCorrection, on statistics of
 * the FP32 model collected in one pass, after folding batch normalizations into the convolutions before them
 * ({@link #prepare}). The factory runs {@link ActivationChannelAlignment} (steps 1-2, its own pass) before it, as an
 * {@code AlgorithmSequence}, each step per cascade stage through core's {@code PerStageAlgorithm}. Written once against
 * the neutral graph; the model's format applies the edits through its {@link QuantizationEditor}. Not done yet:
 * BiasCorrection and GNA's OverflowCorrection.
 */
public final class DefaultQuantization implements Algorithm {
    public static final String NAME = "DefaultQuantization";
    private static final System.Logger LOG = System.getLogger(DefaultQuantization.class.getName());

    private final DefaultQuantizationParameters params;
    private final HardwareConfig hardware;
    private final Supplier<Engine> graphEngine;
    private final AlignedConvolutions aligned;

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

    @Override
    public StatisticsPlan statistics(Model model) {
        requireSingleModel(model);
        MinMaxQuantization.Plan plan = minMax(model).plan(model.graph(), params.ignoredFor(model.name()));
        StatisticsRequest.Builder request = StatisticsRequest.builder();
        Set<String> requested = new HashSet<>();
        for (PortRef port : plan.request().ports()) {
            plan.request().at(port).forEach(s -> {
                request.add(port, s);
                requested.add(port + "/" + s.name());
            });
        }
        FastBiasCorrection fbc = biasCorrection();
        fbc.request(fbc.targets(plan.facts(), plan.sites()), request, requested);
        return new StatisticsPlan(request.build(), params.statSubsetSize(), params.statBatchSize(), params.shuffleSeed());
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        requireSingleModel(model);
        Model copy = model.copy();
        QuantizationEditor editor = copy.extension(QuantizationEditor.class).orElseThrow(() -> new AlgorithmException(
                NAME + ": models of format '" + model.format() + "' cannot be quantized (no QuantizationEditor)"));
        MinMaxQuantization.Plan plan = minMax(model).plan(model.graph(), params.ignoredFor(model.name()));
        Map<String, QuantizerRange> ranges = minMax(model).apply(plan, statistics, editor);
        LOG.log(System.Logger.Level.INFO, "{0}: {1} FakeQuantize inserted", NAME, plan.sites().size());
        if (!plan.compared().tensors().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0}: left in float because their values are compared (Equal, Greater, "
                    + "ArgMax, TopK, ... and what feeds them through MaxPool, Reshape, Sigmoid, ...): {1}", NAME,
                    String.join(", ", plan.compared().names(plan.facts())));
        }
        if (!constraints(model).equals(QuantizerConstraints.NONE)) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", NAME, constraints(model).reason());
        }
        FastBiasCorrection fbc = biasCorrection();
        List<FastBiasCorrection.Target> targets = fbc.targets(plan.facts(), plan.sites());
        if (!targets.isEmpty()) {
            Engine miniEngine = graphEngine.get();
            if (miniEngine == null) {
                LOG.log(System.Logger.Level.WARNING, "{0}: FastBiasCorrection skipped: no engine runs neutral graphs "
                        + "(install the 'reference' engine plugin)", NAME);
            } else {
                try (miniEngine) {
                    List<String> changed = fbc.apply(targets, model.graph(), plan.sites(), ranges, statistics, editor,
                            miniEngine);
                    LOG.log(System.Logger.Level.INFO, "{0}: FastBiasCorrection changed {1} of {2} biases", NAME,
                            changed.size(), targets.size());
                } catch (Pot4jException e) {
                    throw new AlgorithmException(NAME + ": FastBiasCorrection failed: " + e.getMessage(), e);
                }
            }
        }
        editor.finishQuantization();
        editor.setQuantizationInfo(Map.of("version", "pot4j DefaultQuantization",
                "config", "{'preset': '" + params.preset().potName() + "', 'target_device': '" + params.targetDevice()
                        + "', 'stat_subset_size': " + params.statSubsetSize() + "}"));
        return copy;
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

    private static void requireSingleModel(Model model) {
        if (model.isCascade()) {
            throw new AlgorithmException(NAME + ": cascade models are not supported yet (model '" + model.name() + "')");
        }
    }
}
