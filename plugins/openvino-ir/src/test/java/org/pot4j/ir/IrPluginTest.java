package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin is found by ServiceLoader and contributes the IR format. */
class IrPluginTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheIrFormat() {
        List<ModelFormat> formats = ServiceLoader.load(Pot4jPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof IrPlugin)
                .flatMap(p -> p.modelFormats().stream())
                .toList();
        assertEquals(1, formats.size());
        assertEquals("openvino-ir", formats.get(0).name());
        assertEquals(List.of("xml"), formats.get(0).extensions());
    }

    @Test
    void recognizesIrButNotOtherXml() throws java.io.IOException {
        IrModelFormat format = new IrModelFormat();
        assertTrue(format.recognizes(TinyIr.write(dir)));
        Path pom = java.nio.file.Files.writeString(dir.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion></project>");
        assertTrue(!format.recognizes(pom), "a pom is not an IR");
        assertTrue(!format.recognizes(dir.resolve("tiny.bin")), "the .bin is not the model file");
        assertTrue(!format.recognizes(dir.resolve("absent.xml")), "a missing file");
    }

    @Test
    void refusesToWriteAForeignModel() {
        Model foreign = new Model() {
            @Override public String name() { return "m"; }
            @Override public String format() { return "onnx"; }
            @Override public Graph graph() { throw new UnsupportedOperationException(); }
            @Override public Model copy() { return this; }
        };
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new IrModelFormat().write(foreign, dir, "m"));
        assertTrue(e.getMessage().contains("cannot write a model of format 'onnx'"), e.getMessage());
    }
}
