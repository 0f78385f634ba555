package org.pot4j.onnx.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/** Typed access to the attributes of one ONNX node, with the defaults the op's spec gives. */
public final class OnnxAttributes {
    private final Map<String, AttributeProto> byName = new LinkedHashMap<>();

    OnnxAttributes(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    /** The attributes of {@code node}. */
    public static OnnxAttributes of(NodeProto node) {
        return new OnnxAttributes(node);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public long longValue(String name, long fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getI();
    }

    public double floatValue(String name, double fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getF();
    }

    public String string(String name, String fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    public Optional<long[]> longs(String name) {
        AttributeProto a = byName.get(name);
        return a == null ? Optional.empty() : Optional.of(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
    }

    public Optional<double[]> floats(String name) {
        AttributeProto a = byName.get(name);
        return a == null ? Optional.empty()
                : Optional.of(a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
    }

    public Optional<TensorProto> tensor(String name) {
        AttributeProto a = byName.get(name);
        return a == null || !a.hasT() ? Optional.empty() : Optional.of(a.getT());
    }

    /**
     * The attributes as plain values for ops the view keeps under their ONNX name: ints as Long, floats as Double,
     * strings, lists as {@code long[]}, {@code double[]} or {@code List<String>}; tensors and graphs by a short note.
     */
    public Map<String, Object> asPlainValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AttributeProto a : byName.values()) {
            switch (a.getType()) {
                case INT: out.put(a.getName(), a.getI()); break;
                case FLOAT: out.put(a.getName(), (double) a.getF()); break;
                case STRING: out.put(a.getName(), a.getS().toStringUtf8()); break;
                case INTS: out.put(a.getName(), a.getIntsList().stream().mapToLong(Long::longValue).toArray()); break;
                case FLOATS: out.put(a.getName(), a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray()); break;
                case STRINGS: out.put(a.getName(), a.getStringsList().stream().map(s -> s.toStringUtf8()).toList()); break;
                default: out.put(a.getName(), "<" + a.getType().name().toLowerCase(java.util.Locale.ROOT) + ">"); break;
            }
        }
        return out;
    }

    /** Names of every attribute present. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
