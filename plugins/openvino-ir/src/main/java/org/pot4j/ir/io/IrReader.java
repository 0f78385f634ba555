package org.pot4j.ir.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrEdge;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.xml.IrXmlElement;
import org.pot4j.ir.xml.IrXmlParser;

/**
 * Reads IR v10 and v11: parses the {@code .xml}, maps the {@code .bin} read-only and checks everything a layer can
 * get wrong (ids, ports, edges, cycles, element types, constants against the {@code .bin}), failing with a
 * {@link ModelFormatException} that names the file and the layer by name and id.
 */
public final class IrReader {
    private static final String LAYER_CHILD_DATA = "data";
    private static final String RT_INFO = "rt_info";
    /** The widest element type (f64, i64) in bytes: port dims times this must fit a long. */
    private static final long MAX_ELEMENT_BYTES = 8;

    private final Path xml;
    private final Path bin;

    /**
     * A reader of {@code xml}, with constants in {@code bin}.
     *
     * @param bin the weights file; when empty, the {@code .bin} beside the {@code .xml} with the same stem
     */
    public IrReader(Path xml, Optional<Path> bin) {
        this.xml = xml;
        this.bin = bin.orElseGet(() -> defaultBin(xml));
    }

    /** {@code dir/model.bin} for {@code dir/model.xml}. */
    public static Path defaultBin(Path xml) {
        String file = xml.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return xml.resolveSibling((dot > 0 ? file.substring(0, dot) : file) + ".bin");
    }

    /** Reads the document. */
    public IrDocument read() {
        IrXmlElement root = IrXmlParser.parse(xml);
        if (!root.name().equals("net")) {
            throw fail("the root element is <" + root.name() + ">, expected <net> (not an OpenVINO IR file)");
        }
        String version = root.attribute("version").orElse("").trim();
        if (!version.equals("10") && !version.equals("11")) {
            throw fail("IR version '" + version + "' is not supported (only 10 and 11)");
        }
        IrDocument doc = new IrDocument(root.attributes());
        IrXmlElement layers = root.child("layers").orElseThrow(() -> fail("no <layers> element"));
        Map<Integer, PortIndex> ports = new HashMap<>();
        for (IrXmlElement le : layers.children("layer")) {
            IrLayer layer = readLayer(le, ports);
            if (doc.layer(layer.id()).isPresent()) {
                throw fail(describe(layer, le) + ": id " + layer.id() + " is also used by "
                        + doc.requireLayer(layer.id()).describe());
            }
            doc.addLayer(layer);
        }
        root.child("edges").ifPresent(edges -> readEdges(edges, doc, ports));
        checkInputsConnected(doc, layers);
        for (IrXmlElement section : root.children()) {
            if (!section.name().equals("layers") && !section.name().equals("edges")) {
                doc.addSection(section);
            }
        }
        checkAcyclic(doc);
        loadConstants(doc, layers);
        Map<Integer, IrXmlElement> elements = elementsById(layers);
        new IrShapeCheck(doc, (layer, message) -> fail(describe(layer, elements.get(layer.id())) + ": " + message)).run();
        return doc;
    }

    private IrLayer readLayer(IrXmlElement le, Map<Integer, PortIndex> ports) {
        String name = le.attribute("name").orElse(null);
        String idText = le.attribute("id").orElse(null);
        String where = "layer '" + name + "' (id " + idText + ", line " + le.line() + ")";
        if (idText == null) {
            throw fail(where + ": no id");
        }
        if (name == null) {
            throw fail(where + ": no name");
        }
        if (le.attribute("type").isEmpty()) {
            throw fail(where + ": no type");
        }
        int id;
        try {
            id = Integer.parseInt(idText.trim());
        } catch (NumberFormatException e) {
            throw fail(where + ": id '" + idText + "' is not an integer");
        }
        Map<String, String> data = le.child(LAYER_CHILD_DATA).map(IrXmlElement::attributes).orElse(null);
        IrLayer layer = new IrLayer(id, le.attributes(), data);
        le.child(RT_INFO).ifPresent(layer::setRtInfo);
        PortIndex index = new PortIndex();
        le.child("input").ifPresent(in -> {
            for (IrXmlElement pe : in.children("port")) {
                index.inputs.put(portId(pe, layer, le), layer.addInput(readPort(pe, layer, le)));
            }
        });
        le.child("output").ifPresent(out -> {
            for (IrXmlElement pe : out.children("port")) {
                int portId = portId(pe, layer, le);
                if (index.inputs.containsKey(portId)) {
                    throw fail(describe(layer, le) + ": port id " + portId + " is used by an input and an output");
                }
                index.outputs.put(portId, layer.addOutput(readPort(pe, layer, le)));
            }
        });
        for (IrXmlElement child : le.children()) {
            switch (child.name()) {
                case LAYER_CHILD_DATA: case RT_INFO: case "input": case "output": break;
                default: layer.addExtraChild(child);
            }
        }
        checkElementTypes(layer, le);
        ports.put(id, index);
        return layer;
    }

    /** A Parameter's {@code element_type} and a Convert's {@code destination_type}: known, and what the output port says. */
    private void checkElementTypes(IrLayer layer, IrXmlElement le) {
        String attribute = layer.type().equals("Parameter") ? "element_type"
                : layer.type().equals("Convert") ? "destination_type" : null;
        if (attribute == null || layer.data(attribute).isEmpty()) {
            return;
        }
        ElementType type = elementType(layer.data(attribute).get(), layer, le, attribute);
        if (!layer.outputs().isEmpty() && layer.output(0).precision().isPresent()
                && ElementType.fromName(layer.output(0).precision().get()) != type) {
            throw fail(describe(layer, le) + ": " + attribute + " " + type.irName() + " but output port "
                    + layer.output(0).originalId().orElse("?") + " says " + layer.output(0).precision().get());
        }
    }

    private int portId(IrXmlElement pe, IrLayer layer, IrXmlElement le) {
        String raw = pe.attribute("id").orElseThrow(() -> fail(describe(layer, le) + ": a port at line " + pe.line()
                + " has no id"));
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw fail(describe(layer, le) + ": port id '" + raw + "' at line " + pe.line() + " is not an integer");
        }
    }

    private IrPort readPort(IrXmlElement pe, IrLayer layer, IrXmlElement le) {
        List<String> dims = new ArrayList<>();
        for (IrXmlElement d : pe.children("dim")) {
            dims.add(d.text().orElse("").trim());
        }
        IrPort port = new IrPort(pe.attributes(), dims, pe.child(RT_INFO).orElse(null));
        Shape shape;
        try {
            shape = port.shape();
        } catch (IllegalArgumentException e) {
            throw fail(describe(layer, le) + ": port " + pe.attribute("id").orElse("?") + ": " + e.getMessage());
        }
        try {
            long bytes = MAX_ELEMENT_BYTES;
            for (long d : shape.dims()) {
                bytes = d == Shape.DYNAMIC ? bytes : Math.multiplyExact(bytes, d);
            }
        } catch (ArithmeticException e) {
            throw fail(describe(layer, le) + ": port " + pe.attribute("id").orElse("?") + ": dims " + shape
                    + " multiply past 2^63 bytes");
        }
        Optional<String> precision = port.precision();
        if (precision.isPresent()) {
            elementType(precision.get(), layer, le, "port " + pe.attribute("id").orElse("?") + " precision");
        }
        return port;
    }

    private void readEdges(IrXmlElement edges, IrDocument doc, Map<Integer, PortIndex> ports) {
        Map<Long, IrXmlElement> fed = new HashMap<>();
        for (IrXmlElement ee : edges.children("edge")) {
            int fromLayer = edgeNumber(ee, "from-layer");
            int fromPort = edgeNumber(ee, "from-port");
            int toLayer = edgeNumber(ee, "to-layer");
            int toPort = edgeNumber(ee, "to-port");
            IrLayer from = doc.layer(fromLayer).orElse(null);
            IrLayer to = doc.layer(toLayer).orElse(null);
            PortIndex fromPorts = ports.get(fromLayer);
            PortIndex toPorts = ports.get(toLayer);
            Integer output = fromPorts == null ? null : fromPorts.outputs.get(fromPort);
            Integer input = toPorts == null ? null : toPorts.inputs.get(toPort);
            if (from == null || to == null || output == null || input == null) {
                // Messages are built only on failure: a large IR has thousands of edges.
                String what = "edge " + fromLayer + ":" + fromPort + " -> " + toLayer + ":" + toPort + " (line " + ee.line() + ")";
                if (from == null) {
                    throw fail(what + " into " + (to == null ? "missing layer " + toLayer : to.describe())
                            + " comes from missing layer " + fromLayer);
                }
                if (to == null) {
                    throw fail(what + " from " + from.describe() + " goes to missing layer " + toLayer);
                }
                if (output == null) {
                    throw fail(what + ": " + from.describe() + " has no output port " + fromPort
                            + " (its outputs: " + fromPorts.outputs.keySet() + ")");
                }
                throw fail(what + ": " + to.describe() + " has no input port " + toPort
                        + " (its inputs: " + toPorts.inputs.keySet() + ")");
            }
            IrXmlElement previous = fed.put(((long) toLayer << 32) | input, ee);
            if (previous != null) {
                throw fail("edge " + fromLayer + ":" + fromPort + " -> " + toLayer + ":" + toPort + " (line " + ee.line()
                        + "): input port " + toPort + " of " + to.describe() + " is already fed by the edge at line "
                        + previous.line());
            }
            doc.addEdge(new IrEdge(fromLayer, output, toLayer, input));
        }
    }

    private void checkInputsConnected(IrDocument doc, IrXmlElement layersElement) {
        Set<Long> fed = new HashSet<>();
        for (IrEdge e : doc.edges()) {
            fed.add(((long) e.toLayer() << 32) | e.toInput());
        }
        List<IrXmlElement> elements = layersElement.children("layer");
        for (int i = 0; i < doc.layers().size(); i++) {
            IrLayer l = doc.layers().get(i);
            for (int in = 0; in < l.inputs().size(); in++) {
                if (!fed.contains(((long) l.id() << 32) | in)) {
                    throw fail(describe(l, elements.get(i)) + ": input port " + l.input(in).originalId().orElse("?")
                            + " is not connected (no edge leads to it)");
                }
            }
        }
    }

    private int edgeNumber(IrXmlElement ee, String attribute) {
        String raw = ee.attribute(attribute).orElseThrow(() -> fail("edge at line " + ee.line() + " has no " + attribute));
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw fail("edge at line " + ee.line() + ": " + attribute + " '" + raw + "' is not an integer");
        }
    }

    private void checkAcyclic(IrDocument doc) {
        // Kahn's algorithm: whatever is left with pending inputs lies on, or behind, a cycle.
        Map<Integer, Integer> pending = new HashMap<>();
        Map<Integer, List<Integer>> next = new HashMap<>();
        for (IrLayer l : doc.layers()) {
            pending.put(l.id(), 0);
        }
        for (IrEdge e : doc.edges()) {
            pending.merge(e.toLayer(), 1, Integer::sum);
            next.computeIfAbsent(e.fromLayer(), k -> new ArrayList<>()).add(e.toLayer());
        }
        Deque<Integer> ready = new ArrayDeque<>();
        pending.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        int done = 0;
        while (!ready.isEmpty()) {
            int id = ready.poll();
            done++;
            for (int to : next.getOrDefault(id, List.of())) {
                if (pending.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        if (done == doc.layers().size()) {
            return;
        }
        // Walk back along unresolved producers until a layer repeats: that layer is on the cycle.
        Map<Integer, Integer> anyUnresolvedProducer = new LinkedHashMap<>();
        for (IrEdge e : doc.edges()) {
            if (pending.get(e.fromLayer()) > 0 && pending.get(e.toLayer()) > 0) {
                anyUnresolvedProducer.putIfAbsent(e.toLayer(), e.fromLayer());
            }
        }
        int current = anyUnresolvedProducer.keySet().iterator().next();
        List<Integer> path = new ArrayList<>();
        while (!path.contains(current)) {
            path.add(current);
            current = anyUnresolvedProducer.get(current);
        }
        List<Integer> cycle = path.subList(path.indexOf(current), path.size());
        List<String> names = new ArrayList<>();
        for (int i = cycle.size() - 1; i >= 0; i--) {
            names.add("'" + doc.requireLayer(cycle.get(i)).name() + "' (id " + cycle.get(i) + ")");
        }
        throw fail("the graph has a cycle through " + doc.requireLayer(current).describe() + ": "
                + String.join(" -> ", names) + " -> '" + doc.requireLayer(cycle.get(cycle.size() - 1)).name() + "'");
    }

    private static Map<Integer, IrXmlElement> elementsById(IrXmlElement layersElement) {
        Map<Integer, IrXmlElement> elements = new HashMap<>();
        for (IrXmlElement le : layersElement.children("layer")) {
            elements.put(Integer.parseInt(le.attribute("id").get().trim()), le);
        }
        return elements;
    }

    private void loadConstants(IrDocument doc, IrXmlElement layersElement) {
        Map<Integer, IrXmlElement> elements = elementsById(layersElement);
        List<IrLayer> consts = doc.layers().stream().filter(IrLayer::isConst).toList();
        if (consts.isEmpty()) {
            return;
        }
        ByteBuffer weights = mapWeights(consts.get(0));
        for (IrLayer c : consts) {
            loadConstant(c, elements.get(c.id()), weights);
        }
    }

    private ByteBuffer mapWeights(IrLayer firstConst) {
        if (!Files.isRegularFile(bin)) {
            throw fail("weights file " + bin + " not found (" + firstConst.describe()
                    + " needs it; it is looked for beside the .xml with the same name unless given explicitly)");
        }
        try (FileChannel ch = FileChannel.open(bin, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new ModelFormatException(bin + ": " + ch.size() + " bytes; weights files over 2 GiB are not supported yet");
            }
            // Mapped read-only: constants are slices of this buffer and nothing is copied until a value is edited.
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelFormatException(bin + ": cannot read weights: " + e.getMessage(), e);
        }
    }

    private void loadConstant(IrLayer c, IrXmlElement le, ByteBuffer weights) {
        String at = describe(c, le);
        ElementType type = elementType(c.data("element_type").orElseThrow(() -> fail(at + ": no element_type")),
                c, le, "element_type");
        Shape shape;
        try {
            shape = IrLayer.parseShapeAttribute(c.data("shape").orElseThrow(() -> fail(at + ": no shape")));
        } catch (IllegalArgumentException e) {
            throw fail(at + ": shape '" + c.data("shape").orElse("") + "': " + e.getMessage());
        }
        if (!shape.isStatic()) {
            throw fail(at + ": a constant needs a static shape, got " + shape);
        }
        long offset = dataNumber(c, le, "offset");
        long size = dataNumber(c, le, "size");
        long expected;
        try {
            long bits = Math.multiplyExact(shape.elementCount(), (long) type.bitWidth());
            expected = bits / 8 + (bits % 8 == 0 ? 0 : 1);
        } catch (ArithmeticException e) {
            throw fail(at + ": shape " + shape + " of " + type.irName() + " has more than 2^63 bits");
        }
        if (size != expected) {
            throw fail(at + ": size " + size + " does not match shape " + shape + " of " + type.irName() + " ("
                    + expected + " bytes)");
        }
        if (offset + size > weights.capacity()) {
            throw fail(at + ": its data (offset " + offset + ", size " + size + ") reaches byte " + (offset + size)
                    + " but " + bin.getFileName() + " has only " + weights.capacity()
                    + " bytes (truncated .bin, or not the .bin of this .xml?)");
        }
        if (!c.outputs().isEmpty() && c.output(0).precision().isPresent()) {
            ElementType portType = ElementType.fromName(c.output(0).precision().get());
            if (portType != type) {
                throw fail(at + ": element_type " + type.irName() + " but its output port says " + c.output(0).precision().get());
            }
        }
        ByteBuffer slice = weights.duplicate();
        slice.position((int) offset).limit((int) (offset + size));
        c.setConstData(slice);
    }

    private long dataNumber(IrLayer c, IrXmlElement le, String name) {
        String raw = c.data(name).orElseThrow(() -> fail(describe(c, le) + ": no " + name));
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw fail(describe(c, le) + ": " + name + " " + v + " is out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw fail(describe(c, le) + ": " + name + " '" + raw + "' is not an integer");
        }
    }

    private ElementType elementType(String raw, IrLayer layer, IrXmlElement le, String what) {
        try {
            return ElementType.fromName(raw);
        } catch (IllegalArgumentException e) {
            throw fail(describe(layer, le) + ": unknown element type '" + raw + "' in " + what);
        }
    }

    private static String describe(IrLayer layer, IrXmlElement le) {
        String line = le == null || le.line() == 0 ? "" : ", line " + le.line();
        return layer.type() + " layer '" + layer.name() + "' (id " + layer.id() + line + ")";
    }

    private ModelFormatException fail(String message) {
        return ModelFormatException.inFile(xml, message);
    }

    /** IR port id to input or output index of one layer. */
    private static final class PortIndex {
        final Map<Integer, Integer> inputs = new HashMap<>();
        final Map<Integer, Integer> outputs = new HashMap<>();
    }
}
