package org.pot4j.ir.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrEdge;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;

/**
 * The neutral graph of one revision of an {@link IrDocument}, with the mapping between node names and layer ids.
 *
 * <p>Node names are layer names; when several layers share a name, the first in file order keeps it and the
 * others become {@code name#id}. Const nodes do not expose {@code offset} and {@code size}: they say where the
 * bytes sit in one particular {@code .bin}, not what the constant is, and change whenever the file is rewritten.
 */
public final class IrGraphView {
    /** The {@code <data>} attributes of a Const that describe storage only. */
    private static final Set<String> CONST_STORAGE_ATTRIBUTES = Set.of("offset", "size");

    private final Graph graph;
    private final long revision;
    private final Map<String, Integer> layerByNode;
    private final Map<Integer, String> nodeByLayer;

    private IrGraphView(Graph graph, long revision, Map<String, Integer> layerByNode, Map<Integer, String> nodeByLayer) {
        this.graph = graph;
        this.revision = revision;
        this.layerByNode = layerByNode;
        this.nodeByLayer = nodeByLayer;
    }

    /**
     * Builds the view of {@code doc}.
     *
     * @param source what to name in errors (the file the document came from)
     * @throws ModelFormatException when the document is not a well-formed graph
     */
    public static IrGraphView of(IrDocument doc, String source) {
        Map<Integer, String> nodeByLayer = uniqueNames(doc);
        Map<String, Integer> layerByNode = new HashMap<>();
        nodeByLayer.forEach((id, name) -> layerByNode.put(name, id));
        Map<Long, IrEdge> edgeInto = new HashMap<>();
        for (IrEdge e : doc.edges()) {
            edgeInto.put(key(e.toLayer(), e.toInput()), e);
        }
        GraphBuilder builder = new GraphBuilder();
        for (IrLayer layer : doc.layers()) {
            String name = nodeByLayer.get(layer.id());
            List<PortRef> inputs = new ArrayList<>();
            for (int i = 0; i < layer.inputs().size(); i++) {
                IrEdge e = edgeInto.get(key(layer.id(), i));
                inputs.add(e == null ? null : new PortRef(nodeByLayer.get(e.fromLayer()), e.fromOutput()));
            }
            List<OutputPort> outputs = new ArrayList<>();
            try {
                for (int o = 0; o < layer.outputs().size(); o++) {
                    IrPort p = layer.output(o);
                    outputs.add(new OutputPort(o, p.shape(), elementType(layer, p), p.names()));
                }
                Tensor constant = layer.isConst() && layer.constData().isPresent() ? layer.constantValue() : null;
                builder.add(name, layer.type(), layer.type(), attributes(layer), inputs, outputs, constant);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ModelFormatException(source + ": " + layer.describe() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new IrGraphView(builder.build(), doc.revision(), layerByNode, nodeByLayer);
        } catch (GraphBuilder.GraphException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static long key(int layer, int port) {
        return ((long) layer << 32) | (port & 0xffffffffL);
    }

    private static Map<Integer, String> uniqueNames(IrDocument doc) {
        Map<Integer, String> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (IrLayer l : doc.layers()) {
            taken.add(l.name());
        }
        Set<String> used = new HashSet<>();
        for (IrLayer l : doc.layers()) {
            String name = l.name();
            if (!used.add(name)) {
                name = l.name() + "#" + l.id();
                // A layer may literally be called "x#5"; keep appending the id until the name is free.
                while (taken.contains(name) || !used.add(name)) {
                    name = name + "#" + l.id();
                }
            }
            out.put(l.id(), name);
        }
        return out;
    }

    private static Attributes attributes(IrLayer layer) {
        if (!layer.isConst()) {
            return Attributes.of(layer.data());
        }
        Map<String, String> m = new LinkedHashMap<>(layer.data());
        m.keySet().removeAll(CONST_STORAGE_ATTRIBUTES);
        return Attributes.of(m);
    }

    private static ElementType elementType(IrLayer layer, IrPort port) {
        if (port.precision().isPresent()) {
            return ElementType.fromName(port.precision().get());
        }
        // Ports without precision are rare (hand-written IR); the type the layer declares is the best guess.
        Optional<String> declared = layer.data("element_type").or(() -> layer.data("destination_type"));
        return declared.map(ElementType::fromName).orElse(ElementType.F32);
    }

    public Graph graph() {
        return graph;
    }

    /** The document revision this view was built from. */
    public long revision() {
        return revision;
    }

    /** The id of the layer behind node {@code nodeName}. */
    public Optional<Integer> layerId(String nodeName) {
        return Optional.ofNullable(layerByNode.get(nodeName));
    }

    /** The node name of layer {@code layerId}. */
    public Optional<String> nodeName(int layerId) {
        return Optional.ofNullable(nodeByLayer.get(layerId));
    }
}
