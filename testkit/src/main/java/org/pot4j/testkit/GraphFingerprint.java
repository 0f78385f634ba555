package org.pot4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.tensor.Tensor;

/**
 * Everything observable of a graph view as comparable text: nodes (name, kind, attributes), edges, port shapes and
 * element types, and every constant's bytes. Two graphs with equal fingerprints are the same model.
 */
public final class GraphFingerprint {
    private final Map<String, String> nodes;

    private GraphFingerprint(Map<String, String> nodes) {
        this.nodes = nodes;
    }

    /** The fingerprint of {@code graph}. */
    public static GraphFingerprint of(Graph graph) {
        Map<String, String> out = new TreeMap<>();
        for (Node n : graph.nodes()) {
            StringBuilder b = new StringBuilder();
            b.append(n.kind()).append(' ').append(n.attributes()).append(" in=");
            List<String> ins = new ArrayList<>();
            for (int i = 0; i < n.inputCount(); i++) {
                ins.add(n.input(i).map(Object::toString).orElse("-"));
            }
            b.append(ins).append(" out=");
            for (OutputPort p : n.outputs()) {
                b.append(p.elementType().irName()).append(p.shape()).append(' ');
            }
            n.constantValue().ifPresent(t -> b.append(" const=").append(digest(t)));
            out.put(n.name(), b.toString());
        }
        return new GraphFingerprint(out);
    }

    private static String digest(Tensor t) {
        return Integer.toHexString(t.data().hashCode()) + "/" + t.byteSize();
    }

    /** Node name to description, sorted by name. */
    public Map<String, String> nodes() {
        return nodes;
    }

    /** A readable list of what differs from {@code other}; empty when equal. */
    public List<String> differences(GraphFingerprint other) {
        List<String> diff = new ArrayList<>();
        for (Map.Entry<String, String> e : nodes.entrySet()) {
            String theirs = other.nodes.get(e.getKey());
            if (theirs == null) {
                diff.add("missing node '" + e.getKey() + "'");
            } else if (!theirs.equals(e.getValue())) {
                diff.add("node '" + e.getKey() + "': " + e.getValue() + " != " + theirs);
            }
        }
        for (String name : other.nodes.keySet()) {
            if (!nodes.containsKey(name)) {
                diff.add("extra node '" + name + "'");
            }
        }
        return diff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphFingerprint && nodes.equals(((GraphFingerprint) o).nodes);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }
}
