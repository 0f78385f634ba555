package org.pot4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;

/** The contract every {@link ModelFormat} passes. Subclass it with the format and one real model file. */
public abstract class ModelFormatContractTest {
    @TempDir
    protected Path tempDir;

    protected abstract ModelFormat format();

    /** A real model of this format (tests may skip through {@link TestAssets#require}). */
    protected abstract ModelSource sampleModel();

    @Test
    void hasANameAndExtensions() {
        assertFalse(format().name().isBlank(), "format name");
        assertFalse(format().extensions().isEmpty(), "extensions");
    }

    @Test
    void recognizesItsOwnFilesOnly() throws IOException {
        assertTrue(format().recognizes(sampleModel().model()), "must recognise " + sampleModel().model());
        Path other = Files.writeString(tempDir.resolve("notes.txt"), "not a model");
        assertFalse(format().recognizes(other), "must not recognise a text file");
    }

    @Test
    void readsATopologicallyOrderedGraph() {
        Graph g = format().read(sampleModel()).graph();
        assertFalse(g.parameters().isEmpty(), "a model has inputs");
        assertFalse(g.results().isEmpty(), "a model has outputs");
        Set<String> seen = new HashSet<>();
        for (Node n : g.nodes()) {
            for (PortRef in : n.inputs()) {
                assertTrue(seen.contains(in.node()), "node '" + n.name() + "' comes before its producer '" + in.node() + "'");
            }
            assertTrue(seen.add(n.name()), "duplicate node name '" + n.name() + "'");
        }
    }

    @Test
    void writeThenReadGivesTheSameGraph() throws IOException {
        Model model = format().read(sampleModel());
        byte[] before = Files.readAllBytes(sampleModel().model());
        List<Path> written = format().write(model, tempDir.resolve("out"), "copy");
        assertFalse(written.isEmpty(), "write returns the files written");
        assertTrue(Files.exists(written.get(0)), "model file written: " + written.get(0));
        Model again = format().read(ModelSource.of(written.get(0)));
        List<String> diff = GraphFingerprint.of(model.graph()).differences(GraphFingerprint.of(again.graph()));
        assertTrue(diff.isEmpty(), "round trip changed the graph: " + diff.subList(0, Math.min(5, diff.size())));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(sampleModel().model())), "the input model was modified");
        try (Stream<Path> files = Files.list(tempDir.resolve("out"))) {
            assertEquals(Set.copyOf(written), Set.copyOf(files.toList()), "no temporary files are left behind");
        }
    }

    @Test
    void copiesAreIndependentAndEqual() {
        Model model = format().read(sampleModel());
        Model copy = model.copy();
        assertEquals(GraphFingerprint.of(model.graph()), GraphFingerprint.of(copy.graph()));
        assertEquals(model.name(), copy.name());
        assertEquals(format().name(), model.format());
    }

    @Test
    void garbageFailsNamingTheFile() throws IOException {
        String ext = format().extensions().get(0);
        Path bad = Files.write(tempDir.resolve("garbage." + ext), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> format().read(ModelSource.of(bad)));
        assertTrue(e.getMessage().contains("garbage." + ext), "message names the file: " + e.getMessage());
    }
}
