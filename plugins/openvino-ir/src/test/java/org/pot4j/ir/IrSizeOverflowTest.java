package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;

/** Dims whose product overflows a long are refused naming the layer, never an ArithmeticException from inside. */
class IrSizeOverflowTest {
    @TempDir
    Path dir;

    private String fail(String xml) throws IOException {
        Path file = TinyIr.write(dir, xml, TinyIr.weights());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new IrModelFormat().read(ModelSource.of(file)));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void constShapeWhoseElementCountOverflows() throws IOException {
        // the port dims agree; 2^32 * 2^32 * 3 elements do not fit a long
        String xml = TinyIr.XML.replace("shape=\"3,2,1,1\"", "shape=\"4294967296,4294967296,3\"");
        assertMentions(fail(xml), "Const layer 'w' (id 1, line 12)", "shape [4294967296,4294967296,3] of f32",
                "more than 2^63");
    }

    @Test
    void constShapeWhoseBitCountOverflows() throws IOException {
        // 2^60 elements fit a long, 2^60 * 32 bits do not: the size check must not wrap around
        String xml = TinyIr.XML.replace("shape=\"3,2,1,1\"", "shape=\"1073741824,1073741824\"");
        assertMentions(fail(xml), "Const layer 'w' (id 1", "more than 2^63 bits");
    }

    @Test
    void portDimsWhoseProductOverflows() throws IOException {
        String xml = TinyIr.XML.replace("<port id=\"0\" precision=\"FP32\" names=\"data,input:0\">\n"
                        + "\t\t\t\t\t<dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim>",
                "<port id=\"0\" precision=\"FP32\" names=\"data,input:0\">\n"
                        + "\t\t\t\t\t<dim>1</dim><dim>4294967296</dim><dim>4294967296</dim><dim>4</dim>");
        assertMentions(fail(xml), "Parameter layer 'data' (id 0, line 4)", "port 0: dims [1,4294967296,4294967296,4]",
                "past 2^63 bytes");
    }

    @Test
    void convolutionArithmeticThatOverflowsNamesTheLayer() throws IOException {
        // padding adds to a dim near Long.MAX_VALUE (declared consistently upstream)
        long big = Long.MAX_VALUE / 64;
        String xml = TinyIr.XML.replace("shape=\"1,2,4,4\"", "shape=\"1,2,1," + big + "\"")
                .replace("<dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim>", "<dim>1</dim><dim>2</dim><dim>1</dim><dim>" + big + "</dim>")
                .replace("pads_end=\"0,0\"", "pads_end=\"0," + Long.MAX_VALUE + "\"");
        assertMentions(fail(xml), "Convolution layer 'conv' (id 2", "overflow");
    }
}
