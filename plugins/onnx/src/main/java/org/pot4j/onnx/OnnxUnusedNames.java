package org.pot4j.onnx;

import java.util.HashSet;
import java.util.Set;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;

/**
 * Hands out value and node names that no part of a graph uses, the bodies of If/Loop included (a name there would
 * clash with an outer one of the same spelling): the names of what pot4j adds to a document.
 */
final class OnnxUnusedNames {
    private final Set<String> used = new HashSet<>();

    OnnxUnusedNames(GraphProto graph) {
        collect(graph);
    }

    /** {@code base} if nothing uses it yet, otherwise {@code base_2}, {@code base_3}, ...; reserved from now on. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private void collect(GraphProto g) {
        g.getInputList().forEach(v -> used.add(v.getName()));
        g.getOutputList().forEach(v -> used.add(v.getName()));
        g.getValueInfoList().forEach(v -> used.add(v.getName()));
        g.getInitializerList().forEach(t -> used.add(t.getName()));
        g.getSparseInitializerList().forEach(t -> used.add(t.getValues().getName()));
        for (NodeProto n : g.getNodeList()) {
            used.add(n.getName());
            used.addAll(n.getInputList());
            used.addAll(n.getOutputList());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    collect(a.getG());
                }
                a.getGraphsList().forEach(this::collect);
            }
        }
    }
}
