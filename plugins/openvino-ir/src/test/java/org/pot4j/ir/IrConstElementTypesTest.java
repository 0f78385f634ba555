package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.HalfFloats;
import org.pot4j.api.tensor.Tensor;

/** Constants of every element type IR uses, packed u4/i4/u1 included, read and written back byte for byte. */
class IrConstElementTypesTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    /** Element type -> (shape attribute, bytes, expected values). */
    private static Map<String, Object[]> cases() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("f32", new Object[] {"2", le(8, b -> b.putFloat(1.5f).putFloat(-2f)), new double[] {1.5, -2}});
        m.put("f16", new Object[] {"2", le(4, b -> b.putShort(HalfFloats.floatToF16(0.5f)).putShort(HalfFloats.floatToF16(-3f))),
                new double[] {0.5, -3}});
        m.put("bf16", new Object[] {"2", le(4, b -> b.putShort(HalfFloats.floatToBf16(2f)).putShort(HalfFloats.floatToBf16(-0.25f))),
                new double[] {2, -0.25}});
        m.put("i64", new Object[] {"2", le(16, b -> b.putLong(-5).putLong(1L << 40)), new double[] {-5, 1L << 40}});
        m.put("i32", new Object[] {"2", le(8, b -> b.putInt(-7).putInt(70000)), new double[] {-7, 70000}});
        m.put("i16", new Object[] {"2", le(4, b -> b.putShort((short) -300).putShort((short) 300)), new double[] {-300, 300}});
        m.put("i8", new Object[] {"3", new byte[] {-128, 0, 127}, new double[] {-128, 0, 127}});
        m.put("u8", new Object[] {"3", new byte[] {0, (byte) 200, (byte) 255}, new double[] {0, 200, 255}});
        // Packed: low nibble first; 3 elements take 2 bytes.
        m.put("u4", new Object[] {"3", new byte[] {(byte) 0xF1, 0x07}, new double[] {1, 15, 7}});
        m.put("i4", new Object[] {"3", new byte[] {(byte) 0x8F, 0x07}, new double[] {-1, -8, 7}});
        // u1: most significant bit first; 10 elements take 2 bytes.
        m.put("u1", new Object[] {"10", new byte[] {(byte) 0b1010_0000, (byte) 0b0100_0000},
                new double[] {1, 0, 1, 0, 0, 0, 0, 0, 0, 1}});
        m.put("boolean", new Object[] {"2,1", new byte[] {1, 0}, new double[] {1, 0}});
        return m;
    }

    private interface Fill {
        void fill(ByteBuffer b);
    }

    private static byte[] le(int size, Fill f) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        f.fill(b);
        return b.array();
    }

    @Test
    void everyElementTypeReadsAndRoundTrips() throws IOException {
        StringBuilder layers = new StringBuilder();
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        int id = 2;
        for (Map.Entry<String, Object[]> c : cases().entrySet()) {
            String shape = (String) c.getValue()[0];
            byte[] bytes = (byte[]) c.getValue()[1];
            StringBuilder dims = new StringBuilder();
            for (String d : shape.split(",")) {
                dims.append("<dim>").append(d).append("</dim>");
            }
            String precision = ElementType.fromName(c.getKey()).precisionName();
            layers.append("<layer id=\"").append(id++).append("\" name=\"c_").append(c.getKey())
                    .append("\" type=\"Const\" version=\"opset1\"><data element_type=\"").append(c.getKey())
                    .append("\" shape=\"").append(shape).append("\" offset=\"").append(bin.size()).append("\" size=\"")
                    .append(bytes.length).append("\"/><output><port id=\"0\" precision=\"").append(precision).append("\">")
                    .append(dims).append("</port></output></layer>\n");
            bin.write(bytes);
        }
        String xml = "<?xml version=\"1.0\"?>\n<net name=\"types\" version=\"11\"><layers>\n"
                + "<layer id=\"0\" name=\"x\" type=\"Parameter\" version=\"opset1\"><data shape=\"1\" element_type=\"f32\"/>"
                + "<output><port id=\"0\" precision=\"FP32\"><dim>1</dim></port></output></layer>\n"
                + "<layer id=\"1\" name=\"y\" type=\"Result\" version=\"opset1\"><input><port id=\"0\"><dim>1</dim></port></input></layer>\n"
                + layers + "</layers><edges><edge from-layer=\"0\" from-port=\"0\" to-layer=\"1\" to-port=\"0\"/></edges></net>\n";
        Path file = TinyIr.write(dir, xml, bin.toByteArray());

        IrModel model = format.read(ModelSource.of(file));
        check(model.graph());
        List<Path> written = format.write(model, dir.resolve("out"), "types");
        IrModel back = format.read(ModelSource.of(written.get(0)));
        check(back.graph());
        // Every blob differs, so the rewritten .bin is the original, in the same id order.
        assertArrayEquals(bin.toByteArray(), Files.readAllBytes(written.get(1)));
    }

    private static void check(Graph g) {
        for (Map.Entry<String, Object[]> c : cases().entrySet()) {
            Tensor t = g.requireNode("c_" + c.getKey()).constantValue().orElseThrow();
            assertEquals(ElementType.fromName(c.getKey()), t.elementType(), c.getKey());
            assertArrayEquals((byte[]) c.getValue()[1], t.toByteArray(), c.getKey() + " bytes");
            double[] expected = (double[]) c.getValue()[2];
            float[] got = t.toFloatArray();
            assertEquals(expected.length, got.length, c.getKey());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], Math.abs(expected[i]) * 1e-6, c.getKey() + "[" + i + "]");
            }
        }
    }
}
