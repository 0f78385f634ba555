package org.pot4j.ir.document;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.xml.IrXmlElement;

/**
 * One {@code <layer>}: id, raw layer attributes ({@code name}, {@code type}, {@code version}, in file order), the
 * raw {@code <data>} attributes in file order, rt_info, ports, any other child elements kept opaque, and for a
 * Const its bytes (a shared read-only slice of the {@code .bin} until replaced).
 */
public final class IrLayer {
    /** The IR type of constants. */
    public static final String CONST = "Const";

    private int id;
    private final LinkedHashMap<String, String> attributes;
    private LinkedHashMap<String, String> data;
    private IrXmlElement rtInfo;
    private final List<IrPort> inputs = new ArrayList<>();
    private final List<IrPort> outputs = new ArrayList<>();
    private final List<IrXmlElement> extraChildren = new ArrayList<>();
    private ByteBuffer constData;
    private IrDocument owner;

    /**
     * A layer.
     *
     * @param attributes the raw {@code <layer>} attributes; {@code name} and {@code type} are required
     * @param data       the raw {@code <data>} attributes, or {@code null} when the layer has no {@code <data>}
     */
    public IrLayer(int id, Map<String, String> attributes, Map<String, String> data) {
        this.id = id;
        this.attributes = new LinkedHashMap<>(attributes);
        Objects.requireNonNull(this.attributes.get("name"), "layer name");
        Objects.requireNonNull(this.attributes.get("type"), "layer type");
        this.attributes.put("id", Integer.toString(id));
        this.data = data == null ? null : new LinkedHashMap<>(data);
    }

    /** A new layer of {@code type} from {@code opset} with attributes in the given order. */
    public static IrLayer create(int id, String name, String type, String opset, Map<String, String> data) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", Integer.toString(id));
        attrs.put("name", name);
        attrs.put("type", type);
        attrs.put("version", opset);
        return new IrLayer(id, attrs, data);
    }

    /**
     * A new Const layer holding {@code value} (opset1, {@code element_type}, {@code shape}, {@code offset},
     * {@code size}; the writer fills in offset and size).
     */
    public static IrLayer constant(int id, String name, Tensor value) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("element_type", value.elementType().irName());
        data.put("shape", shapeAttribute(value.shape()));
        data.put("offset", "0");
        data.put("size", Long.toString(value.byteSize()));
        IrLayer layer = create(id, name, CONST, "opset1", data);
        layer.addOutput(IrPort.of(value.elementType(), value.shape()));
        layer.constData = value.data();
        return layer;
    }

    /** A deep copy (constant bytes are shared: they are read-only and replaced, never written to). */
    IrLayer copy() {
        IrLayer c = new IrLayer(id, attributes, data);
        c.rtInfo = rtInfo;
        inputs.forEach(p -> c.addInput(p.copy()));
        outputs.forEach(p -> c.addOutput(p.copy()));
        c.extraChildren.addAll(extraChildren);
        c.constData = constData;
        return c;
    }

    void attach(IrDocument document) {
        this.owner = document;
    }

    void touch() {
        if (owner != null) {
            owner.touch();
        }
    }

    public int id() {
        return id;
    }

    void setId(int newId) {
        this.id = newId;
        attributes.put("id", Integer.toString(newId));
    }

    public String name() {
        return attributes.get("name");
    }

    public void setName(String name) {
        attributes.put("name", Objects.requireNonNull(name, "name"));
        touch();
    }

    public String type() {
        return attributes.get("type");
    }

    /** The opset ({@code version} attribute), if given. */
    public Optional<String> opset() {
        return Optional.ofNullable(attributes.get("version"));
    }

    public boolean isConst() {
        return CONST.equals(type());
    }

    /** The raw {@code <layer>} attributes in file order, unmodifiable. */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** True when the layer has a {@code <data>} element (possibly empty). */
    public boolean hasData() {
        return data != null;
    }

    /** The raw {@code <data>} attributes in file order (empty when there is no {@code <data>}), unmodifiable. */
    public Map<String, String> data() {
        return data == null ? Map.of() : Collections.unmodifiableMap(data);
    }

    /** One raw {@code <data>} attribute. */
    public Optional<String> data(String name) {
        return data == null ? Optional.empty() : Optional.ofNullable(data.get(name));
    }

    /** Sets a {@code <data>} attribute (keeping the position of an existing one); {@code null} removes it. */
    public void setData(String name, String value) {
        if (data == null) {
            data = new LinkedHashMap<>();
        }
        if (value == null) {
            data.remove(name);
        } else {
            data.put(name, value);
        }
        touch();
    }

    public Optional<IrXmlElement> rtInfo() {
        return Optional.ofNullable(rtInfo);
    }

    public void setRtInfo(IrXmlElement rtInfo) {
        this.rtInfo = rtInfo;
        touch();
    }

    /** The input ports in order, unmodifiable. */
    public List<IrPort> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** The output ports in order, unmodifiable. */
    public List<IrPort> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public IrPort input(int index) {
        return inputs.get(index);
    }

    public IrPort output(int index) {
        return outputs.get(index);
    }

    /** Appends an input port; returns its index. */
    public int addInput(IrPort port) {
        port.attach(this);
        inputs.add(port);
        touch();
        return inputs.size() - 1;
    }

    /** Appends an output port; returns its index. */
    public int addOutput(IrPort port) {
        port.attach(this);
        outputs.add(port);
        touch();
        return outputs.size() - 1;
    }

    /** Child elements other than data, rt_info, input and output (sub-graph bodies, port maps), kept as read. */
    public List<IrXmlElement> extraChildren() {
        return Collections.unmodifiableList(extraChildren);
    }

    public void addExtraChild(IrXmlElement child) {
        extraChildren.add(child);
        touch();
    }

    /** The element type of a Const ({@code element_type}). */
    public ElementType constElementType() {
        String raw = data("element_type").orElseThrow(() -> new IllegalStateException(describe() + " has no element_type"));
        return ElementType.fromName(raw);
    }

    /** The shape of a Const ({@code shape}; an empty string is a scalar). */
    public Shape constShape() {
        String raw = data("shape").orElse(null);
        if (raw == null) {
            return outputs.isEmpty() ? Shape.SCALAR : outputs.get(0).shape();
        }
        return parseShapeAttribute(raw);
    }

    /** The raw bytes of a Const as a read-only little-endian buffer, if it has any. */
    public Optional<ByteBuffer> constData() {
        return Optional.ofNullable(constData).map(b -> b.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Sets the bytes of a Const without touching its attributes (the reader's entry point). */
    public void setConstData(ByteBuffer bytes) {
        this.constData = bytes.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        touch();
    }

    /** The value of a Const as a tensor sharing its bytes. */
    public Tensor constantValue() {
        if (constData == null) {
            throw new IllegalStateException(describe() + " has no data");
        }
        return Tensor.of(constElementType(), constShape(), constData.duplicate());
    }

    /**
     * Replaces the value of this Const: bytes, {@code element_type}, {@code shape}, {@code size} and the output
     * port's precision and dims.
     */
    public void setConstant(Tensor value) {
        if (!isConst()) {
            throw new IllegalStateException(describe() + " is not a Const");
        }
        setData("element_type", value.elementType().irName());
        setData("shape", shapeAttribute(value.shape()));
        setData("size", Long.toString(value.byteSize()));
        if (!outputs.isEmpty()) {
            outputs.get(0).setElementType(value.elementType());
            outputs.get(0).setShape(value.shape());
        }
        setConstData(value.data());
    }

    /** {@code Type layer 'name' (id N)}, for messages. */
    public String describe() {
        return type() + " layer '" + name() + "' (id " + id + ")";
    }

    /** Parses a {@code shape} attribute: comma-separated dims, spaces allowed, empty for a scalar. */
    public static Shape parseShapeAttribute(String raw) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return Shape.SCALAR;
        }
        String[] parts = s.split(",");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = IrPort.parseDim(parts[i]);
        }
        return Shape.of(dims);
    }

    /** Formats a {@code shape} attribute as OpenVINO writes it: {@code 64,3,3,3}, empty for a scalar. */
    public static String shapeAttribute(Shape shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape.dims()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(d);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
