package org.pot4j.core.hardware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device supports for one op type: per group ({@code activations}, {@code weights}, {@code outputs}) the
 * flattened schemes in priority order (index 0 = fastest, last = most accurate), and the op's attributes.
 *
 * @param type          the hardware op type (OpenVINO opset name, or the pseudo-type {@code DepthWiseConvolution})
 * @param quantization  schemes by group; empty for ops listed without quantization
 * @param attributes    the raw attributes as JSON-like values
 * @param unifiedScales the inputs that must share a range, from {@code unified_scales} or legacy {@code scales}
 */
public record OpConfig(String type, Map<String, List<QuantizationScheme>> quantization, Map<String, Object> attributes,
                       Optional<UnifiedScales> unifiedScales) {
    public static final String ACTIVATIONS = "activations";
    public static final String WEIGHTS = "weights";
    public static final String OUTPUTS = "outputs";

    public OpConfig {
        Objects.requireNonNull(type, "type");
        Map<String, List<QuantizationScheme>> q = new LinkedHashMap<>();
        quantization.forEach((k, v) -> q.put(k, List.copyOf(v)));
        quantization = Collections.unmodifiableMap(q);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        unifiedScales = unifiedScales == null ? Optional.empty() : unifiedScales;
    }

    /** The schemes of {@code group}; empty when the op does not quantize that group. */
    public List<QuantizationScheme> schemes(String group) {
        return quantization.getOrDefault(group, List.of());
    }

    /** True when the op has a {@code quantization} entry. */
    public boolean isQuantized() {
        return !quantization.isEmpty();
    }
}
