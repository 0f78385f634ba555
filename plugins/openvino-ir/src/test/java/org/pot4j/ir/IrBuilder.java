package org.pot4j.ir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small IR v11 files for tests and fuzz seeds: every layer declares the port dims it is given, so a test
 * states the shapes it expects and a wrong one is easy to write. Consts are appended to a {@link Weights} pool that
 * several builders may share (the fuzz seeds all use one {@code .bin}).
 */
final class IrBuilder {
    /** One output port of a built layer. */
    record Out(int layer, int port, long[] dims, String precision) {
    }

    /** The bytes of a {@code .bin}, shared by the builders that write into it; equal blobs are stored once. */
    static final class Weights {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<String, Long> offsets = new LinkedHashMap<>();

        long add(byte[] blob) {
            return offsets.computeIfAbsent(Arrays.toString(blob), k -> {
                long at = bytes.size();
                bytes.writeBytes(blob);
                return at;
            });
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    private final String name;
    private final Weights weights;
    private final StringBuilder layers = new StringBuilder();
    private final StringBuilder edges = new StringBuilder();
    private int nextId;

    IrBuilder(String name) {
        this(name, new Weights());
    }

    IrBuilder(String name, Weights weights) {
        this.name = name;
        this.weights = weights;
    }

    /** An f32 Parameter of these dims. */
    Out parameter(String layerName, long... dims) {
        int id = nextId++;
        layers.append("\t\t<layer id=\"").append(id).append("\" name=\"").append(layerName)
                .append("\" type=\"Parameter\" version=\"opset1\">\n")
                .append("\t\t\t<data shape=\"").append(join(dims)).append("\" element_type=\"f32\"/>\n")
                .append("\t\t\t<output>\n").append(port(0, "FP32", dims, layerName)).append("\t\t\t</output>\n")
                .append("\t\t</layer>\n");
        return new Out(id, 0, dims, "FP32");
    }

    /** An f32 Const of these dims holding 0.5, 1.0, 1.5, ... */
    Out f32(String layerName, long... dims) {
        int n = (int) Arrays.stream(dims).reduce(1, Math::multiplyExact);
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(0.5f * (i + 1));
        }
        return constant(layerName, "f32", "FP32", dims, b.array());
    }

    /** A 1-D i64 Const holding {@code values}. */
    Out i64(String layerName, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return constant(layerName, "i64", "I64", new long[] {values.length}, b.array());
    }

    /** A Const of any element type with the given bytes. */
    Out constant(String layerName, String elementType, String precision, long[] dims, byte[] data) {
        int id = nextId++;
        long offset = weights.add(data);
        layers.append("\t\t<layer id=\"").append(id).append("\" name=\"").append(layerName)
                .append("\" type=\"Const\" version=\"opset1\">\n")
                .append("\t\t\t<data element_type=\"").append(elementType).append("\" shape=\"").append(join(dims))
                .append("\" offset=\"").append(offset).append("\" size=\"").append(data.length).append("\"/>\n")
                .append("\t\t\t<output>\n").append(port(0, precision, dims, null)).append("\t\t\t</output>\n")
                .append("\t\t</layer>\n");
        return new Out(id, 0, dims, precision);
    }

    /** An opset1 layer with one FP32 output of {@code outputDims}. */
    Out op(String type, String layerName, Map<String, String> data, List<Out> inputs, long... outputDims) {
        return op(type, "opset1", layerName, data, inputs, List.of(outputDims)).get(0);
    }

    /** A layer with FP32 outputs of the given dims. */
    List<Out> op(String type, String version, String layerName, Map<String, String> data, List<Out> inputs,
                 List<long[]> outputDims) {
        int id = nextId++;
        layers.append("\t\t<layer id=\"").append(id).append("\" name=\"").append(layerName).append("\" type=\"")
                .append(type).append("\" version=\"").append(version).append("\">\n");
        if (!data.isEmpty()) {
            layers.append("\t\t\t<data");
            data.forEach((k, v) -> layers.append(' ').append(k).append("=\"").append(v).append('"'));
            layers.append("/>\n");
        }
        if (!inputs.isEmpty()) {
            layers.append("\t\t\t<input>\n");
            for (int i = 0; i < inputs.size(); i++) {
                Out in = inputs.get(i);
                layers.append(port(i, in.precision(), in.dims(), null));
                edges.append("\t\t<edge from-layer=\"").append(in.layer()).append("\" from-port=\"").append(in.port())
                        .append("\" to-layer=\"").append(id).append("\" to-port=\"").append(i).append("\"/>\n");
            }
            layers.append("\t\t\t</input>\n");
        }
        List<Out> outs = new ArrayList<>();
        if (!outputDims.isEmpty()) {
            layers.append("\t\t\t<output>\n");
            for (int o = 0; o < outputDims.size(); o++) {
                int portId = inputs.size() + o;
                layers.append(port(portId, "FP32", outputDims.get(o), layerName + (o == 0 ? "" : ":" + o)));
                outs.add(new Out(id, portId, outputDims.get(o), "FP32"));
            }
            layers.append("\t\t\t</output>\n");
        }
        layers.append("\t\t</layer>\n");
        return outs;
    }

    /** A Result reading {@code in}. */
    void result(String layerName, Out in) {
        op("Result", "opset1", layerName, Map.of(), List.of(in), List.of());
    }

    /** The {@code .xml} text. */
    String xml() {
        return "<?xml version=\"1.0\"?>\n<net name=\"" + name + "\" version=\"11\">\n\t<layers>\n" + layers
                + "\t</layers>\n\t<edges>\n" + edges + "\t</edges>\n</net>\n";
    }

    /** The {@code .bin} bytes (of every builder sharing the pool). */
    byte[] bin() {
        return weights.bytes();
    }

    /** Writes {@code dir/<name>.xml} and {@code .bin}; returns the {@code .xml}. */
    Path write(Path dir) throws IOException {
        Files.write(dir.resolve(name + ".bin"), bin());
        return Files.writeString(dir.resolve(name + ".xml"), xml());
    }

    /** Ordered {@code <data>} attributes from key, value pairs. */
    static Map<String, String> data(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Dims as varargs. */
    static long[] dims(long... d) {
        return d;
    }

    private static String port(int id, String precision, long[] dims, String names) {
        StringBuilder b = new StringBuilder("\t\t\t\t<port id=\"").append(id).append("\" precision=\"").append(precision)
                .append('"');
        if (names != null) {
            b.append(" names=\"").append(names).append('"');
        }
        b.append('>');
        for (long d : dims) {
            b.append("<dim>").append(d).append("</dim>");
        }
        return b.append("</port>\n").toString();
    }

    private static String join(long[] dims) {
        StringBuilder b = new StringBuilder();
        for (long d : dims) {
            b.append(b.length() == 0 ? "" : ",").append(d);
        }
        return b.toString();
    }
}
