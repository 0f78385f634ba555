package org.pot4j.onnx.view;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The table of op mappers by ONNX op type (default domain). Ops not in the table are kept under their ONNX name
 * ({@link OnnxPassThroughMapper}), so custom ops (SeetaFace's {@code ShapeIndexPatch}) still appear in the view.
 */
public final class OnnxOpMappers {
    private final Map<String, OnnxOpMapper> byOpType;

    private OnnxOpMappers(Map<String, OnnxOpMapper> byOpType) {
        this.byOpType = Collections.unmodifiableMap(byOpType);
    }

    /** Every mapper pot4j has. */
    public static OnnxOpMappers standard() {
        Map<String, OnnxOpMapper> m = new HashMap<>();
        OnnxConvMappers.register(m);
        OnnxConvTransposeMapper.register(m);
        OnnxLinearMappers.register(m);
        OnnxPoolMappers.register(m);
        OnnxElementwiseMappers.register(m);
        OnnxReduceMappers.register(m);
        OnnxShapeOpMappers.register(m);
        OnnxDataOpMappers.register(m);
        OnnxMiscMappers.register(m);
        OnnxActivationMappers.register(m);
        OnnxIndexMappers.register(m);
        OnnxLayoutMappers.register(m);
        OnnxNormalizationMappers.register(m);
        OnnxEinsumMapper.register(m);
        OnnxRecurrentMappers.register(m);
        return new OnnxOpMappers(m);
    }

    /** The ONNX op types with a dedicated mapper. */
    public Set<String> opTypes() {
        return byOpType.keySet();
    }

    /** The mapper of {@code opType} in {@code domain}; the pass-through mapper for unknown ops and other domains. */
    public OnnxOpMapper mapperFor(String domain, String opType) {
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
            OnnxOpMapper m = byOpType.get(opType);
            if (m != null) {
                return m;
            }
        }
        return OnnxPassThroughMapper.INSTANCE;
    }
}
