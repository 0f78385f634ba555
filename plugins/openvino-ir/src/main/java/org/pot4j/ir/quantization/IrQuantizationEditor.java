package org.pot4j.ir.quantization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.compression.CompressedWeights;
import org.pot4j.core.compression.WeightCompression;
import org.pot4j.ir.IrModel;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrEdge;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.xml.IrXmlElement;

/**
 * Quantization edits on an IR document: FakeQuantize-1 layers with four f32 range constants, constant replacement,
 * and POT's weight compression into {@code i8 Const -> Convert -> [Subtract] -> Multiply} (POT_SPEC §10).
 */
public final class IrQuantizationEditor implements QuantizationEditor {
    private final IrModel model;
    private final IrDocument doc;

    public IrQuantizationEditor(IrModel model) {
        this.model = model;
        this.doc = model.document();
    }

    @Override
    public void insertFakeQuantize(FakeQuantizeSpec spec) {
        IrLayer source = layerOf(spec.source().node(), "FakeQuantize '" + spec.name() + "' source");
        if (spec.source().port() >= source.outputs().size()) {
            throw new IllegalArgumentException("FakeQuantize '" + spec.name() + "': " + source.describe()
                    + " has no output " + spec.source().port());
        }
        IrPort sourcePort = source.output(spec.source().port());
        ElementType type = elementType(sourcePort);
        Shape shape = sourcePort.shape();
        List<IrEdge> consumerEdges = new ArrayList<>();
        for (InputRef c : spec.consumers()) {
            IrLayer consumer = layerOf(c.node(), "FakeQuantize '" + spec.name() + "' consumer");
            IrEdge edge = doc.edgeInto(consumer.id(), c.port()).orElseThrow(() -> new IllegalArgumentException(
                    "FakeQuantize '" + spec.name() + "': input " + c.port() + " of " + consumer.describe() + " is not connected"));
            if (edge.fromLayer() != source.id() || edge.fromOutput() != spec.source().port()) {
                throw new IllegalArgumentException("FakeQuantize '" + spec.name() + "': input " + c.port() + " of "
                        + consumer.describe() + " is not fed by " + spec.source());
            }
            consumerEdges.add(edge);
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("levels", Long.toString(spec.levels()));
        data.put("auto_broadcast", "numpy");
        IrLayer fq = IrLayer.create(doc.nextLayerId(), uniqueName(spec.name()), "FakeQuantize", "opset1", data);
        fq.addInput(IrPort.of(type, shape));
        Tensor[] ranges = {spec.inputLow(), spec.inputHigh(), spec.outputLow(), spec.outputHigh()};
        for (Tensor r : ranges) {
            fq.addInput(IrPort.of(type, r.shape()));
        }
        fq.addOutput(IrPort.of(type, shape));
        IrLayer first = consumerEdges.isEmpty() ? null : doc.requireLayer(consumerEdges.get(0).toLayer());
        place(first, fq);
        String[] suffixes = {"/input_low", "/input_high", "/output_low", "/output_high"};
        for (int i = 0; i < 4; i++) {
            IrLayer c = IrLayer.constant(doc.nextLayerId(), uniqueName(fq.name() + suffixes[i]), ranges[i].convert(type));
            doc.insertLayerBefore(fq, c);
            doc.connect(c.id(), 0, fq.id(), i + 1);
        }
        doc.connect(source.id(), spec.source().port(), fq.id(), 0);
        for (IrEdge e : consumerEdges) {
            doc.redirect(e, fq.id(), 0);
        }
    }

    @Override
    public void replaceConstant(String node, Tensor value) {
        IrLayer layer = layerOf(node, "constant");
        if (!layer.isConst()) {
            throw new IllegalArgumentException(layer.describe() + " is not a Const");
        }
        if (!layer.constShape().equals(value.shape())) {
            throw new IllegalArgumentException(layer.describe() + " has shape " + layer.constShape() + ", not "
                    + value.shape());
        }
        layer.setConstant(value.convert(layer.constElementType()));
    }

    @Override
    public int compressWeights() {
        int compressed = 0;
        for (IrLayer fq : new ArrayList<>(doc.layers())) {
            if ("FakeQuantize".equals(fq.type()) && compress(fq)) {
                compressed++;
            }
        }
        return compressed;
    }

    /** Compresses one weight FakeQuantize; false when it is not on constant weights or has too many levels. */
    private boolean compress(IrLayer fq) {
        long levels = Long.parseLong(fq.data("levels").orElse("0"));
        Optional<IrLayer> weightsLayer = producer(fq, 0);
        if (!WeightCompression.compressible(levels) || weightsLayer.isEmpty()) {
            return false;
        }
        Optional<Tensor> weights = constantValue(weightsLayer.get());
        Tensor[] ranges = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            Optional<Tensor> r = producer(fq, i + 1).flatMap(this::constantValue);
            if (r.isEmpty()) {
                return false;
            }
            ranges[i] = r.get();
        }
        if (weights.isEmpty()) {
            return false;
        }
        Tensor w = weights.get();
        int[] layout = channelLayout(w.shape(), ranges);
        CompressedWeights c = WeightCompression.compress(w.toFloatArray(), layout[0], layout[1],
                ranges[0].toFloatArray(), ranges[1].toFloatArray(), ranges[2].toFloatArray(), ranges[3].toFloatArray(),
                levels);
        Shape rangeShape = rangeShape(ranges);
        String base = fq.name();
        IrLayer q = IrLayer.constant(doc.nextLayerId(), uniqueName(base + "/int8"), Tensor.of(ElementType.I8, w.shape(),
                c.values()));
        doc.insertLayerBefore(fq, q);
        IrLayer convert = IrLayer.create(doc.nextLayerId(), uniqueName(base + "/to_f32"), "Convert", "opset1",
                Map.of("destination_type", "f32"));
        convert.addInput(IrPort.of(ElementType.I8, w.shape()));
        convert.addOutput(IrPort.of(ElementType.F32, w.shape()));
        doc.insertLayerBefore(fq, convert);
        doc.connect(q.id(), 0, convert.id(), 0);
        IrLayer last = convert;
        if (c.needsSubtract()) {
            last = binary(fq, base + "/minus_zp", "Subtract", last, Tensor.ofFloats(rangeShape, c.zeroPoint()), w.shape());
        }
        last = binary(fq, base + "/scale", "Multiply", last, Tensor.ofFloats(rangeShape, c.scale()), w.shape());
        for (IrEdge e : doc.edgesFrom(fq.id(), 0)) {
            doc.redirect(e, last.id(), 0);
        }
        removeWithUnusedInputs(fq);
        return true;
    }

    /** A Subtract or Multiply of {@code input} by a new f32 constant, placed before {@code anchor}. */
    private IrLayer binary(IrLayer anchor, String name, String type, IrLayer input, Tensor constant, Shape shape) {
        IrLayer k = IrLayer.constant(doc.nextLayerId(), uniqueName(name + "/value"), constant);
        doc.insertLayerBefore(anchor, k);
        IrLayer op = IrLayer.create(doc.nextLayerId(), uniqueName(name), type, "opset1", Map.of("auto_broadcast", "numpy"));
        op.addInput(IrPort.of(ElementType.F32, shape));
        op.addInput(IrPort.of(ElementType.F32, constant.shape()));
        op.addOutput(IrPort.of(ElementType.F32, shape));
        doc.insertLayerBefore(anchor, op);
        doc.connect(input.id(), 0, op.id(), 0);
        doc.connect(k.id(), 0, op.id(), 1);
        return op;
    }

    /** {channels, inner}: the channel axis is the one where a range has more than one value. */
    static int[] channelLayout(Shape weights, Tensor[] ranges) {
        Shape r = rangeShape(ranges);
        long[] dims = weights.dims();
        for (int axis = 0; axis < r.rank(); axis++) {
            if (r.dim(axis) > 1) {
                int weightAxis = axis + dims.length - r.rank();
                long inner = 1;
                for (int k = weightAxis + 1; k < dims.length; k++) {
                    inner *= dims[k];
                }
                return new int[] {(int) r.dim(axis), (int) inner};
            }
        }
        return new int[] {1, (int) Math.max(1, weights.elementCount())};
    }

    private static Shape rangeShape(Tensor[] ranges) {
        Tensor widest = ranges[0];
        for (Tensor t : ranges) {
            if (t.elementCount() > widest.elementCount()) {
                widest = t;
            }
        }
        return widest.shape();
    }

    /** Removes {@code layer} and, recursively, producers left without consumers. */
    private void removeWithUnusedInputs(IrLayer layer) {
        List<Integer> producers = new ArrayList<>();
        for (int i = 0; i < layer.inputs().size(); i++) {
            doc.edgeInto(layer.id(), i).ifPresent(e -> producers.add(e.fromLayer()));
        }
        doc.removeLayer(layer.id());
        for (int id : producers) {
            boolean used = doc.edges().stream().anyMatch(e -> e.fromLayer() == id);
            if (!used && doc.layer(id).isPresent()) {
                removeWithUnusedInputs(doc.requireLayer(id));
            }
        }
    }

    /** The value of a Const, or of a Convert of a Const, as f32. */
    private Optional<Tensor> constantValue(IrLayer layer) {
        if (layer.isConst()) {
            return Optional.of(layer.constantValue().convert(ElementType.F32));
        }
        if ("Convert".equals(layer.type())) {
            return producer(layer, 0).filter(IrLayer::isConst).map(l -> l.constantValue().convert(ElementType.F32));
        }
        return Optional.empty();
    }

    private Optional<IrLayer> producer(IrLayer layer, int input) {
        return doc.edgeInto(layer.id(), input).map(e -> doc.requireLayer(e.fromLayer()));
    }

    @Override
    public void setQuantizationInfo(Map<String, String> info) {
        List<IrXmlElement> children = new ArrayList<>();
        info.forEach((k, v) -> children.add(k.equals("config")
                ? new IrXmlElement(k, Map.of(), List.of(), v, 0)
                : IrXmlElement.of(k, Map.of("value", v))));
        doc.putSection(new IrXmlElement("quantization_parameters", Map.of(), children, null, 0));
    }

    private IrLayer layerOf(String node, String role) {
        int id = model.view().layerId(node).orElseThrow(
                () -> new IllegalArgumentException(role + ": no node named '" + node + "' in " + model.name()));
        return doc.requireLayer(id);
    }

    /** Puts a new layer in file order just before {@code before} (or at the end). */
    private void place(IrLayer before, IrLayer layer) {
        if (before == null) {
            doc.addLayer(layer);
        } else {
            doc.insertLayerBefore(before, layer);
        }
    }

    private String uniqueName(String name) {
        String candidate = name;
        for (int k = 1; doc.layerNamed(candidate).isPresent(); k++) {
            candidate = name + "_" + k;
        }
        return candidate;
    }

    private static ElementType elementType(IrPort port) {
        return port.precision().map(ElementType::fromName).orElse(ElementType.F32);
    }
}
