package org.pot4j.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code compression} section.
 *
 * @param targetDevice          the quantization target (default {@code ANY}), selecting the hardware configuration
 * @param modelType             {@code transformer}, or empty (POT's {@code None})
 * @param dumpIntermediateModel save the model after MinMax (default false)
 * @param inplaceStatistics     compute reductions inside the model (default true)
 * @param algorithms            the algorithms in order, with their parameters
 */
public record CompressionConfig(String targetDevice, Optional<String> modelType, boolean dumpIntermediateModel,
                                boolean inplaceStatistics, List<AlgorithmConfig> algorithms) {
    public static final String DEFAULT_TARGET_DEVICE = "ANY";

    public CompressionConfig {
        Objects.requireNonNull(targetDevice, "targetDevice");
        modelType = modelType == null ? Optional.empty() : modelType;
        algorithms = List.copyOf(algorithms);
    }
}
