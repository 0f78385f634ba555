package org.pot4j.core.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.core.config.ModelConfig;
import org.pot4j.core.plugin.PluginRegistry;

class CascadeModelTest {
    /** A format of text files holding one line; the model's copy is a new object with the same text. */
    static final class TextFormat implements ModelFormat {
        @Override
        public String name() {
            return "text";
        }

        @Override
        public List<String> extensions() {
            return List.of("txt");
        }

        @Override
        public boolean recognizes(Path file) {
            return file.toString().endsWith(".txt");
        }

        @Override
        public Model read(ModelSource source) {
            try {
                return new TextModel(source.name(), Files.readString(source.model()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<Path> write(Model model, Path directory, String baseName) {
            try {
                return List.of(Files.writeString(directory.resolve(baseName + ".txt"), ((TextModel) model).text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class TextModel implements Model {
        final String name;
        final String text;

        TextModel(String name, String text) {
            this.name = name;
            this.text = text;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String format() {
            return "text";
        }

        @Override
        public Graph graph() {
            return new GraphBuilder().build();
        }

        @Override
        public Model copy() {
            return new TextModel(name, text);
        }
    }

    private static PluginRegistry registry() {
        PluginRegistry r = PluginRegistry.create();
        r.register(new Pot4jPlugin() {
            @Override
            public String name() {
                return "text-format";
            }

            @Override
            public List<ModelFormat> modelFormats() {
                return List.of(new TextFormat());
            }
        }, "test");
        return r;
    }

    private static ModelConfig.CascadeStage stage(String name, Path file) {
        return new ModelConfig.CascadeStage(name, file, Optional.empty());
    }

    @Test
    void readsEveryStageNamedAfterItsStageAndWritesThemBack(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("det1.txt"), "P");
        Path r = Files.writeString(dir.resolve("det2.txt"), "R");
        ModelConfig config = new ModelConfig("mtcnn", Optional.empty(), Optional.empty(),
                List.of(stage("pnet", p), stage("rnet", r)));
        Model m = CascadeModelReader.read(config, registry().context());
        assertTrue(m.isCascade());
        assertEquals("mtcnn", m.name());
        assertEquals(CascadeModel.FORMAT, m.format());
        assertTrue(m.graph().nodes().isEmpty());
        CascadeModel c = (CascadeModel) m;
        assertEquals(List.of("pnet", "rnet"), c.stageNames());
        assertEquals("R", ((TextModel) c.stage("rnet")).text);

        CascadeModel copy = c.copy();
        assertNotSame(c.subModels().get(0), copy.subModels().get(0));
        assertEquals(c.stageNames(), copy.stageNames());

        Path out = Files.createDirectory(dir.resolve("out"));
        List<Path> written = CascadeModelWriter.write(c, out, "mtcnn", registry().context());
        assertEquals(List.of(out.resolve("mtcnn_pnet.txt"), out.resolve("mtcnn_rnet.txt")), written);

        CascadeModel replaced = c.withStage("pnet", new TextModel("pnet", "P8"));
        assertEquals("P8", ((TextModel) replaced.stage("pnet")).text);
    }

    @Test
    void singleModelsAreReadAsThemselves(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("m.txt"), "M");
        Model m = CascadeModelReader.read(new ModelConfig("single", Optional.of(p), Optional.empty(), List.of()),
                registry().context());
        assertEquals("single", m.name());
        assertTrue(!m.isCascade());
    }

    @Test
    void badStagesNameTheirKey(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("det1.txt"), "P");
        Path bin = Files.writeString(dir.resolve("det1.bin"), "P");
        assertKey(new ModelConfig("c", Optional.empty(), Optional.empty(), List.of(stage("pnet", p), stage("pnet", p))),
                "model.cascade[1].name");
        assertKey(new ModelConfig("c", Optional.empty(), Optional.empty(), List.of(stage("p/net", p))),
                "model.cascade[0].name");
        assertKey(new ModelConfig("c", Optional.empty(), Optional.empty(), List.of(stage("pnet", dir.resolve("no.txt")))),
                "model.cascade[0].model");
        assertKey(new ModelConfig("c", Optional.empty(), Optional.empty(), List.of(stage("pnet", p), stage("rnet", bin))),
                "model.cascade[1].model");
        assertThrows(IllegalArgumentException.class, () -> new CascadeModel("c", List.of()));
    }

    private static void assertKey(ModelConfig config, String key) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CascadeModelReader.read(config, registry().context()));
        assertEquals(key, e.keyPath(), e.getMessage());
    }
}
