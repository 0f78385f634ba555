package org.pot4j.quantization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.cascade.PerStageAlgorithm;
import org.pot4j.core.pipeline.AlgorithmSequence;
import org.pot4j.quantization.overflow.OverflowCorrection;

/**
 * Creates POT's DefaultQuantization from its {@code params}: {@link ActivationChannelAlignment}, then
 * {@link DefaultQuantization}, and for target device GNA {@link OverflowCorrection} last.
 */
public final class DefaultQuantizationFactory implements AlgorithmFactory {
    @Override
    public String name() {
        return DefaultQuantization.NAME;
    }

    /**
     * @throws org.pot4j.api.error.ConfigurationException naming the parameter under {@code params.}
     *                                                    ({@link DefaultQuantizationParameters#bind})
     */
    @Override
    public Algorithm create(AlgorithmSettings settings, PluginContext context) {
        DefaultQuantizationParameters bound = DefaultQuantizationParameters.bind(settings);
        if (settings.dumpIntermediateModel()) {
            context.logger(DefaultQuantization.class.getName()).log(System.Logger.Level.WARNING,
                    "DefaultQuantization: dump_intermediate_model is not supported yet; no intermediate model is saved");
        }
        // FastBiasCorrection runs its one-op models in the host's default engine
        Optional<EngineFactory> engines = context.defaultEngine();
        // POT's order: ActivationChannelAlignment on its own pass, then MinMax + FastBiasCorrection on the aligned
        // model; cascades (MT-CNN): each step makes one pass over the cascade and edits every stage with its share
        AlignedConvolutions aligned = new AlignedConvolutions();
        List<Algorithm> steps = new ArrayList<>(List.of(
                new IgnoredStagesCheck(bound.ignored(),
                        new PerStageAlgorithm(new ActivationChannelAlignment(bound, aligned))),
                new PerStageAlgorithm(new DefaultQuantization(bound, () -> engines
                        .map(f -> f.create(EngineSettings.cpu(Map.of("threads", 1)), context))
                        .orElse(null), aligned))));
        if (bound.targetDevice().startsWith("GNA")) {
            // POT_SPEC §2.3/§15: GNA runs OverflowCorrection last, on the quantized model's own statistics pass
            steps.add(new PerStageAlgorithm(new OverflowCorrection(bound)));
        }
        return new AlgorithmSequence(DefaultQuantization.NAME, steps);
    }
}
