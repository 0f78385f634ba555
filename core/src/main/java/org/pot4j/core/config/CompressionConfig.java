package org.pot4j.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.plugin.PluginContext;

/**
 * The {@code compression} section: the keys common to every algorithm, and the algorithms with their own params.
 *
 * @param targetDevice          the quantization target (default {@code ANY}), selecting the hardware configuration;
 *                              it applies to every algorithm, whatever an algorithm's params say (POT's config reader)
 * @param modelType             {@code transformer}, or empty (POT's {@code None})
 * @param dumpIntermediateModel save the model after MinMax (default false)
 * @param inplaceStatistics     compute reductions inside the model (default true, POT's command-line default); read by
 *                              the statistics collection, not passed to algorithms
 * @param algorithms            the algorithms in order, with their parameters
 */
public record CompressionConfig(String targetDevice, Optional<String> modelType, boolean dumpIntermediateModel,
                                boolean inplaceStatistics, List<AlgorithmConfig> algorithms) {
    public static final String DEFAULT_TARGET_DEVICE = AlgorithmSettings.DEFAULT_TARGET_DEVICE;
    /** The {@code model_type} values POT knows ({@code None} is no model type). */
    public static final List<String> MODEL_TYPES = List.of("None", "transformer");

    public CompressionConfig {
        Objects.requireNonNull(targetDevice, "targetDevice");
        modelType = modelType == null ? Optional.empty() : modelType;
        algorithms = List.copyOf(algorithms);
    }

    /** The key path of algorithm {@code index} in the configuration file: {@code compression.algorithms[0]}. */
    public static String algorithmPath(int index) {
        return "compression.algorithms[" + index + "]";
    }

    /** What algorithm {@code index} is created with: its own params and this section's common keys beside them. */
    public AlgorithmSettings settings(int index) {
        return new AlgorithmSettings(algorithms.get(index).params(), targetDevice, modelType, dumpIntermediateModel);
    }

    /**
     * Creates algorithm {@code index} with {@link #settings(int)} through {@code factory} (the one its name selects).
     *
     * @throws ConfigurationException naming the key from the file's root: a factory names its keys under
     *                                {@code params.}, which is placed under {@link #algorithmPath(int)}
     *                                ({@code compression.algorithms[0].params.stat_subset_size})
     */
    public Algorithm create(int index, AlgorithmFactory factory, PluginContext context) {
        try {
            return factory.create(settings(index), context);
        } catch (ConfigurationException e) {
            throw e.keyPath().equals("params") || e.keyPath().startsWith("params.") ? e.under(algorithmPath(index)) : e;
        }
    }
}
