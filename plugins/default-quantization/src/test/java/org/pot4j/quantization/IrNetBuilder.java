package org.pot4j.quantization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small OpenVINO IR v11 networks for tests: layers by name with their data attributes, inputs as
 * {@code "layer"} or {@code "layer:port"} and output shapes; f32/i64 constants go into the .bin.
 */
public final class IrNetBuilder {
    private record Layer(int id, String name, String type, Map<String, String> data, List<String> inputs,
                         List<long[]> outputs) {
    }

    private final String name;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();

    public IrNetBuilder(String name) {
        this.name = name;
    }

    /** A layer; {@code outputs} are the shapes of its output ports. */
    public IrNetBuilder layer(String layer, String type, Map<String, String> data, List<String> inputs,
                              long[]... outputs) {
        layers.put(layer, new Layer(layers.size(), layer, type, data, inputs, List.of(outputs)));
        return this;
    }

    public IrNetBuilder parameter(String layer, long... shape) {
        return layer(layer, "Parameter", Map.of("shape", join(shape), "element_type", "f32"), List.of(), shape);
    }

    public IrNetBuilder constant(String layer, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return constBytes(layer, "f32", b.array(), shape);
    }

    public IrNetBuilder longs(String layer, long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return constBytes(layer, "i64", b.array(), shape);
    }

    private IrNetBuilder constBytes(String layer, String type, byte[] bytes, long[] shape) {
        int offset = bin.size();
        bin.writeBytes(bytes);
        return layer(layer, "Const", Map.of("element_type", type, "shape", join(shape), "offset",
                String.valueOf(offset), "size", String.valueOf(bytes.length)), List.of(), shape);
    }

    public IrNetBuilder op(String layer, String type, List<String> inputs, long... shape) {
        return layer(layer, type, Map.of(), inputs, shape);
    }

    public IrNetBuilder result(String layer, String input) {
        return layer(layer, "Result", Map.of(), List.of(input));
    }

    /** Writes {@code dir/<name>.xml} and {@code .bin}; returns the xml. */
    public Path write(Path dir) throws IOException {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n<net name=\"" + name + "\" version=\"11\">\n<layers>\n");
        List<String> edges = new ArrayList<>();
        for (Layer l : layers.values()) {
            x.append(" <layer id=\"").append(l.id).append("\" name=\"").append(l.name).append("\" type=\"")
                    .append(l.type).append("\" version=\"opset1\">\n");
            if (!l.data.isEmpty()) {
                x.append("  <data");
                l.data.forEach((k, v) -> x.append(' ').append(k).append("=\"").append(v).append('"'));
                x.append("/>\n");
            }
            int port = 0;
            if (!l.inputs.isEmpty()) {
                x.append("  <input>\n");
                for (String in : l.inputs) {
                    String[] p = in.split(":");
                    Layer from = layers.get(p[0]);
                    if (from == null) {
                        throw new IllegalArgumentException("layer " + l.name + ": no input layer " + p[0]);
                    }
                    int fromPort = p.length > 1 ? Integer.parseInt(p[1]) : 0;
                    x.append("   <port id=\"").append(port).append("\" precision=\"FP32\">")
                            .append(dims(from.outputs.get(fromPort))).append("</port>\n");
                    edges.add("<edge from-layer=\"" + from.id + "\" from-port=\"" + (from.inputs.size() + fromPort)
                            + "\" to-layer=\"" + l.id + "\" to-port=\"" + port + "\"/>");
                    port++;
                }
                x.append("  </input>\n");
            }
            if (!l.outputs.isEmpty()) {
                x.append("  <output>\n");
                for (int o = 0; o < l.outputs.size(); o++) {
                    String precision = "i64".equals(l.data.get("element_type")) ? "I64" : "FP32";
                    x.append("   <port id=\"").append(port + o).append("\" precision=\"").append(precision)
                            .append("\" names=\"").append(l.name).append(o == 0 ? "" : ":" + o).append("\">")
                            .append(dims(l.outputs.get(o))).append("</port>\n");
                }
                x.append("  </output>\n");
            }
            x.append(" </layer>\n");
        }
        x.append("</layers>\n<edges>\n");
        edges.forEach(e -> x.append(' ').append(e).append('\n'));
        x.append("</edges>\n</net>\n");
        Path xml = Files.writeString(dir.resolve(name + ".xml"), x);
        Files.write(dir.resolve(name + ".bin"), bin.toByteArray());
        return xml;
    }

    private static String dims(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) {
            b.append("<dim>").append(d).append("</dim>");
        }
        return b.toString();
    }

    private static String join(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) {
            b.append(b.length() == 0 ? "" : ",").append(d);
        }
        return b.toString();
    }
}
