package org.pot4j.ir.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.ir.xml.IrXmlElement;

/**
 * A whole IR {@code <net>}: its attributes, layers in file order, edges, and the model-level sections that follow
 * the edges ({@code rt_info}, {@code meta_data}, {@code quantization_parameters}, ...) kept as opaque elements.
 *
 * <p>Mutable: every change bumps {@link #revision()}, which views built from the document use to know they are
 * stale. Not thread-safe.
 */
public final class IrDocument {
    private final LinkedHashMap<String, String> netAttributes;
    private final List<IrLayer> layers = new ArrayList<>();
    private final Map<Integer, IrLayer> byId = new HashMap<>();
    private final List<IrEdge> edges = new ArrayList<>();
    private final List<IrXmlElement> sections = new ArrayList<>();
    private long revision;

    /** An empty document with these raw {@code <net>} attributes ({@code name}, {@code version}, ...). */
    public IrDocument(Map<String, String> netAttributes) {
        this.netAttributes = new LinkedHashMap<>(netAttributes);
    }

    /** A deep copy: layers, ports and edges are new objects; constant bytes and opaque sections are shared (immutable). */
    public IrDocument copy() {
        IrDocument c = new IrDocument(netAttributes);
        layers.forEach(l -> c.addLayer(l.copy()));
        c.edges.addAll(edges);
        c.sections.addAll(sections);
        return c;
    }

    /** A counter that grows with every change. */
    public long revision() {
        return revision;
    }

    void touch() {
        revision++;
    }

    /** The raw {@code <net>} attributes in file order, unmodifiable. */
    public Map<String, String> netAttributes() {
        return Collections.unmodifiableMap(netAttributes);
    }

    /** The {@code name} of the net, or an empty string. */
    public String name() {
        return netAttributes.getOrDefault("name", "");
    }

    /** The IR version read ({@code 10} or {@code 11}); the writer always writes 11. */
    public int version() {
        return Integer.parseInt(netAttributes.getOrDefault("version", "11").trim());
    }

    /** The layers in file order (new layers where they were added), unmodifiable. */
    public List<IrLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public Optional<IrLayer> layer(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The layer with {@code id}.
     *
     * @throws IllegalArgumentException naming the missing id
     */
    public IrLayer requireLayer(int id) {
        IrLayer l = byId.get(id);
        if (l == null) {
            throw new IllegalArgumentException("no layer with id " + id);
        }
        return l;
    }

    /** The first layer called {@code name}. */
    public Optional<IrLayer> layerNamed(String name) {
        for (IrLayer l : layers) {
            if (l.name().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** An id no layer has yet (one more than the largest). */
    public int nextLayerId() {
        int max = -1;
        for (Integer id : byId.keySet()) {
            max = Math.max(max, id);
        }
        return max + 1;
    }

    /** Appends a layer. */
    public IrLayer addLayer(IrLayer layer) {
        return insertLayer(layers.size(), layer);
    }

    /** Inserts a layer at {@code position} of the layer list (file order only; edges define the graph). */
    public IrLayer insertLayer(int position, IrLayer layer) {
        if (byId.containsKey(layer.id())) {
            throw new IllegalArgumentException("layer id " + layer.id() + " is taken by " + byId.get(layer.id()).describe()
                    + "; cannot add " + layer.describe());
        }
        layers.add(position, layer);
        byId.put(layer.id(), layer);
        layer.attach(this);
        touch();
        return layer;
    }

    /** Inserts {@code layer} just before {@code before} in file order, so the file reads producers first. */
    public IrLayer insertLayerBefore(IrLayer before, IrLayer layer) {
        int at = layers.indexOf(before);
        return insertLayer(at < 0 ? layers.size() : at, layer);
    }

    /** Removes a layer and every edge touching it. */
    public void removeLayer(int id) {
        IrLayer l = requireLayer(id);
        layers.remove(l);
        byId.remove(id);
        edges.removeIf(e -> e.fromLayer() == id || e.toLayer() == id);
        l.attach(null);
        touch();
    }

    /** The edges in file order (new edges at the end), unmodifiable. */
    public List<IrEdge> edges() {
        return Collections.unmodifiableList(edges);
    }

    /**
     * Connects output {@code fromOutput} of layer {@code fromLayer} to input {@code toInput} of {@code toLayer}.
     *
     * @throws IllegalArgumentException when a layer or port is missing or the input is already connected
     */
    public IrEdge connect(int fromLayer, int fromOutput, int toLayer, int toInput) {
        IrLayer from = requireLayer(fromLayer);
        IrLayer to = requireLayer(toLayer);
        if (fromOutput >= from.outputs().size()) {
            throw new IllegalArgumentException(from.describe() + " has no output " + fromOutput);
        }
        if (toInput >= to.inputs().size()) {
            throw new IllegalArgumentException(to.describe() + " has no input " + toInput);
        }
        Optional<IrEdge> existing = edgeInto(toLayer, toInput);
        if (existing.isPresent()) {
            throw new IllegalArgumentException("input " + toInput + " of " + to.describe() + " is already fed by "
                    + existing.get());
        }
        IrEdge e = new IrEdge(fromLayer, fromOutput, toLayer, toInput);
        edges.add(e);
        touch();
        return e;
    }

    /** Adds an edge read from a file, without checks (the reader validates). */
    public void addEdge(IrEdge edge) {
        edges.add(edge);
        touch();
    }

    /** Removes {@code edge}; true if it was there. */
    public boolean disconnect(IrEdge edge) {
        boolean removed = edges.remove(edge);
        if (removed) {
            touch();
        }
        return removed;
    }

    /** The edge feeding input {@code toInput} of layer {@code toLayer}. */
    public Optional<IrEdge> edgeInto(int toLayer, int toInput) {
        for (IrEdge e : edges) {
            if (e.toLayer() == toLayer && e.toInput() == toInput) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The edges leaving output {@code fromOutput} of layer {@code fromLayer}, in file order. */
    public List<IrEdge> edgesFrom(int fromLayer, int fromOutput) {
        List<IrEdge> out = new ArrayList<>();
        for (IrEdge e : edges) {
            if (e.fromLayer() == fromLayer && e.fromOutput() == fromOutput) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Moves the consumer end of {@code edge} to a new producer: {@code edge}'s input is fed by
     * {@code newFromLayer}'s output {@code newFromOutput} instead.
     */
    public IrEdge redirect(IrEdge edge, int newFromLayer, int newFromOutput) {
        int at = edges.indexOf(edge);
        if (at < 0) {
            throw new IllegalArgumentException("no edge " + edge);
        }
        IrEdge moved = new IrEdge(newFromLayer, newFromOutput, edge.toLayer(), edge.toInput());
        edges.set(at, moved);
        touch();
        return moved;
    }

    /**
     * Puts {@code layer} (already added) on {@code edge}: the edge's producer now feeds input {@code layerInput} of
     * {@code layer}, and output {@code layerOutput} of {@code layer} feeds the edge's consumer. This is how a
     * FakeQuantize or Convert goes onto one input port without touching the producer's other consumers.
     *
     * @return the edge now feeding the original consumer
     */
    public IrEdge insertOnEdge(IrEdge edge, IrLayer layer, int layerInput, int layerOutput) {
        if (!edges.contains(edge)) {
            throw new IllegalArgumentException("no edge " + edge);
        }
        if (byId.get(layer.id()) != layer) {
            throw new IllegalArgumentException(layer.describe() + " is not in this document");
        }
        connect(edge.fromLayer(), edge.fromOutput(), layer.id(), layerInput);
        return redirect(edge, layer.id(), layerOutput);
    }

    /** The model-level sections after {@code <edges>} in file order, unmodifiable. */
    public List<IrXmlElement> sections() {
        return Collections.unmodifiableList(sections);
    }

    /** The first model-level section called {@code name}. */
    public Optional<IrXmlElement> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Appends a model-level section. */
    public void addSection(IrXmlElement section) {
        sections.add(section);
        touch();
    }

    /** Replaces the first section with the same name as {@code section}, or appends it. */
    public void putSection(IrXmlElement section) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).name().equals(section.name())) {
                sections.set(i, section);
                touch();
                return;
            }
        }
        sections.add(section);
        touch();
    }

    @Override
    public String toString() {
        return "IR '" + name() + "' v" + netAttributes.get("version") + " (" + layers.size() + " layers, " + edges.size() + " edges)";
    }
}
