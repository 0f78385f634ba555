package org.pot4j.engine.ort;

import java.util.Optional;
import org.pot4j.engine.ort.proto.OnnxSubset.AttributeProto;
import org.pot4j.engine.ort.proto.OnnxSubset.NodeProto;
import org.pot4j.engine.ort.proto.OnnxSubset.TensorProto;

/** The attributes of a node of ONNX Runtime's optimized model that the kernel report reads, with defaults. */
final class OrtNodeAttributes {
    private final NodeProto node;

    private OrtNodeAttributes(NodeProto node) {
        this.node = node;
    }

    static OrtNodeAttributes of(NodeProto node) {
        return new OrtNodeAttributes(node);
    }

    long longValue(String name, long fallback) {
        return find(name).map(AttributeProto::getI).orElse(fallback);
    }

    double floatValue(String name, double fallback) {
        return find(name).map(a -> (double) a.getF()).orElse(fallback);
    }

    String string(String name, String fallback) {
        return find(name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    Optional<TensorProto> tensor(String name) {
        return find(name).filter(AttributeProto::hasT).map(AttributeProto::getT);
    }

    private Optional<AttributeProto> find(String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }
}
