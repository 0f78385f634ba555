package org.pot4j.api.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an algorithm is created with: its own {@code params}, and the keys POT's {@code compression} section sets for
 * every algorithm. The host passes the common keys here, never inside {@code params}, so a factory can reject every
 * {@code params} key it does not know.
 *
 * @param params                the algorithm's {@code params} object as plain JSON-like values (maps, lists,
 *                              strings, numbers, booleans), unmodifiable; the factory binds and validates them
 * @param targetDevice          {@code compression.target_device}: the hardware the model is compressed for
 *                              ({@code ANY}, {@code CPU}, {@code GPU}, {@code NPU}, {@code GNA}, ...; POT's default
 *                              {@link #DEFAULT_TARGET_DEVICE})
 * @param modelType             {@code compression.model_type}: {@code transformer}, or empty (POT's {@code None})
 * @param dumpIntermediateModel {@code compression.dump_intermediate_model}: save the model between steps (default
 *                              false; an algorithm without intermediate models ignores it)
 */
public record AlgorithmSettings(Map<String, Object> params, String targetDevice, Optional<String> modelType,
                                boolean dumpIntermediateModel) {
    /** POT's default target device. */
    public static final String DEFAULT_TARGET_DEVICE = "ANY";

    /**
     * Copies {@code params} and checks the common keys.
     *
     * @param params                the algorithm's params; copied keeping nulls and order, null for none
     * @param targetDevice          the target device, not blank
     * @param modelType             the model type, or empty (null counts as empty)
     * @param dumpIntermediateModel whether to save the model between steps
     * @throws IllegalArgumentException when the target device or a given model type is blank
     */
    public AlgorithmSettings {
        // a copy that keeps JSON nulls (Map.copyOf would reject them) and the caller's key order
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(targetDevice, "targetDevice");
        if (targetDevice.isBlank()) {
            throw new IllegalArgumentException("the target device must not be blank");
        }
        modelType = modelType == null ? Optional.empty() : modelType;
        if (modelType.isPresent() && modelType.get().isBlank()) {
            throw new IllegalArgumentException("a model type must not be blank; leave it empty for none");
        }
    }

    /**
     * Settings for a target device, with no model type and no intermediate models.
     *
     * @param params       the algorithm's params, null for none
     * @param targetDevice {@code compression.target_device}, not blank
     * @return the settings
     */
    public static AlgorithmSettings of(Map<String, Object> params, String targetDevice) {
        return new AlgorithmSettings(params, targetDevice, Optional.empty(), false);
    }

    /**
     * Settings with POT's defaults for the common keys (target device {@code ANY}).
     *
     * @param params the algorithm's params, null for none
     * @return the settings
     */
    public static AlgorithmSettings of(Map<String, Object> params) {
        return of(params, DEFAULT_TARGET_DEVICE);
    }
}
