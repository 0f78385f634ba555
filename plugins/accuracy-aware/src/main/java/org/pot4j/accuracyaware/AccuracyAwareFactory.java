package org.pot4j.accuracyaware;

import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.plugin.PluginContext;

/**
 * Creates AccuracyAwareQuantization: binds its own params, finds the base algorithm by name through the
 * {@link PluginContext} and creates it once with the remaining params, so a bad base parameter fails here.
 */
public final class AccuracyAwareFactory implements AlgorithmFactory {
    @Override
    public String name() {
        return AccuracyAwareQuantization.NAME;
    }

    /**
     * @throws ConfigurationException naming the parameter under {@code params.}; {@code params.base_algorithm} when no
     *                                installed plugin provides the base algorithm
     */
    @Override
    public Algorithm create(AlgorithmSettings settings, PluginContext context) {
        AccuracyAwareParameters params = AccuracyAwareParameters.bind(settings);
        if (params.baseAlgorithm().equals(AccuracyAwareQuantization.NAME)) {
            throw new ConfigurationException("params.base_algorithm", "cannot be AccuracyAwareQuantization itself");
        }
        AlgorithmFactory base = context.algorithm(params.baseAlgorithm()).orElseThrow(() ->
                new ConfigurationException("params.base_algorithm", "no installed plugin provides algorithm '"
                        + params.baseAlgorithm() + "'"));
        // the base algorithm checks its own params now, not after the FP32 evaluation
        base.create(new AlgorithmSettings(params.baseParams(), settings.targetDevice(), settings.modelType(), false),
                context);
        if (settings.dumpIntermediateModel()) {
            context.logger(AccuracyAwareQuantization.class.getName()).log(System.Logger.Level.WARNING,
                    "AccuracyAwareQuantization: dump_intermediate_model is not supported yet; no intermediate model"
                            + " is saved");
        }
        return new AccuracyAwareQuantization(params, base, settings, context);
    }
}
