package org.pot4j.ir.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.ir.xml.IrXmlElement;

/**
 * An input or output port of a layer: its raw attributes in file order ({@code id}, {@code precision},
 * {@code names}, ...), its dimensions as written and its own {@code rt_info}.
 */
public final class IrPort {
    private final LinkedHashMap<String, String> attributes;
    private final List<String> dims;
    private IrXmlElement rtInfo;
    private IrLayer owner;

    /** A port with these raw attributes, raw dims and optional rt_info. */
    public IrPort(Map<String, String> attributes, List<String> dims, IrXmlElement rtInfo) {
        this.attributes = new LinkedHashMap<>(attributes);
        this.dims = new ArrayList<>(dims);
        this.rtInfo = rtInfo;
    }

    /** A new port of {@code type} and {@code shape} (dynamic dims written as -1). */
    public static IrPort of(ElementType type, Shape shape) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("id", "0");
        attrs.put("precision", type.precisionName());
        IrPort p = new IrPort(attrs, List.of(), null);
        p.dims.addAll(dimStrings(shape));
        return p;
    }

    IrPort copy() {
        return new IrPort(attributes, dims, rtInfo);
    }

    void attach(IrLayer layer) {
        this.owner = layer;
    }

    /** The raw attributes in file order, unmodifiable. The {@code id} is the one read; the writer renumbers. */
    public Map<String, String> attributes() {
        return java.util.Collections.unmodifiableMap(attributes);
    }

    /** The port id as read from the file (informational: edges address ports by index). */
    public Optional<String> originalId() {
        return Optional.ofNullable(attributes.get("id"));
    }

    /** The {@code precision} attribute (FP32, I8, ...), if present. */
    public Optional<String> precision() {
        return Optional.ofNullable(attributes.get("precision"));
    }

    /** Sets (or with {@code null} removes) an attribute, keeping the position of an existing one. */
    public void setAttribute(String name, String value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        touch();
    }

    /** Sets the precision from an element type. */
    public void setElementType(ElementType type) {
        setAttribute("precision", type.precisionName());
    }

    /** The tensor names from the {@code names} attribute (comma-separated, {@code \,} escapes a comma). */
    public List<String> names() {
        String raw = attributes.get("names");
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        out.removeIf(String::isEmpty);
        return out;
    }

    /** The dimensions as written ({@code 1}, {@code -1}, {@code ?}, {@code 1..10}), unmodifiable. */
    public List<String> rawDims() {
        return java.util.Collections.unmodifiableList(dims);
    }

    /**
     * The shape; {@code -1}, {@code ?} and ranges ({@code 1..10}) are {@link Shape#DYNAMIC}.
     *
     * @throws IllegalArgumentException naming the bad dimension
     */
    public Shape shape() {
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = parseDim(dims.get(i));
        }
        return Shape.of(d);
    }

    /** Replaces the dimensions. */
    public void setShape(Shape shape) {
        dims.clear();
        dims.addAll(dimStrings(shape));
        touch();
    }

    /** The port's own rt_info element, if any. */
    public Optional<IrXmlElement> rtInfo() {
        return Optional.ofNullable(rtInfo);
    }

    public void setRtInfo(IrXmlElement rtInfo) {
        this.rtInfo = rtInfo;
        touch();
    }

    static long parseDim(String raw) {
        String s = raw.trim();
        if (s.equals("?") || s.equals("-1") || s.contains("..")) {
            return Shape.DYNAMIC;
        }
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new IllegalArgumentException("negative dimension '" + raw + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dimension '" + raw + "' is not a number", e);
        }
    }

    private static List<String> dimStrings(Shape shape) {
        return Arrays.stream(shape.dims()).mapToObj(Long::toString).toList();
    }

    private void touch() {
        if (owner != null) {
            owner.touch();
        }
    }

    @Override
    public String toString() {
        return "port " + attributes + " " + dims;
    }
}
