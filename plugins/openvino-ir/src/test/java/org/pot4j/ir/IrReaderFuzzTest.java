package org.pot4j.ir;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;

/**
 * Fuzzes the IR reader and its graph view. The contract: any {@code .xml} + {@code .bin} either reads, with a view
 * whose every node, port and constant can be looked at, or fails with a {@link ModelFormatException}; anything
 * else (NullPointerException, IndexOutOfBounds, NegativeArraySize, ArithmeticException, OutOfMemoryError,
 * StackOverflowError, ...) is a finding. A model that reads is also written as IR v11 and must read back.
 *
 * <p>Plain {@code mvn verify} runs the seed corpus ({@code IrReaderFuzzTestInputs/xml|bin}, from
 * {@link IrFuzzSeeds}); {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (see the README).
 */
class IrReaderFuzzTest {
    private static final IrModelFormat FORMAT = new IrModelFormat();
    private static final Path DIR = createDir();
    private static final byte[] XML_SEEDS_BIN = IrFuzzSeeds.xmlSeedsBin();
    private static final byte[] BIN_TARGET_XML = IrFuzzSeeds.binTargetXml().getBytes(StandardCharsets.UTF_8);
    private static long run;

    /** Mutated XML beside the fixed {@code .bin} of the XML seeds. */
    @FuzzTest(maxDuration = "5m")
    void xml(byte[] xml) throws IOException {
        Path folder = freshFolder();
        Path model = Files.write(folder.resolve("model.xml"), xml);
        Files.write(folder.resolve("model.bin"), XML_SEEDS_BIN);
        readViewAndRewrite(model, Optional.empty(), folder);
    }

    /** Mutated {@code .bin} beside the fixed XML of the zoo (Reshape targets, orders and axes come from it). */
    @FuzzTest(maxDuration = "5m")
    void bin(byte[] bin) throws IOException {
        Path folder = freshFolder();
        Path model = Files.write(folder.resolve("zoo.xml"), BIN_TARGET_XML);
        Path weights = Files.write(folder.resolve("zoo.weights"), bin);
        readViewAndRewrite(model, Optional.of(weights), folder);
    }

    /** Reads, walks the view, writes and reads back; a ModelFormatException on the first read is the one allowed failure. */
    static void readViewAndRewrite(Path xml, Optional<Path> bin, Path folder) {
        IrModel model;
        try {
            model = FORMAT.read(new ModelSource(xml, bin, null));
        } catch (ModelFormatException expected) {
            return;
        }
        walk(model.graph());
        Path out = folder.resolve("out");
        FORMAT.write(model, out, "rewritten");
        walk(FORMAT.read(ModelSource.of(out.resolve("rewritten.xml"))).graph());
    }

    private static void walk(Graph g) {
        for (Node n : g.nodes()) {
            n.attributes().names().forEach(a -> n.attributes().raw(a));
            for (OutputPort p : n.outputs()) {
                p.shape().toString();
                p.elementType().bitWidth();
                g.consumers(new org.pot4j.api.graph.PortRef(n.name(), p.index()));
            }
            for (int i = 0; i < n.inputCount(); i++) {
                g.producer(n, i);
            }
            Optional<Tensor> value = n.constantValue();
            if (value.isPresent() && value.get().elementCount() <= 1 << 20) {
                value.get().toDoubleArray();
            }
            if (n.inputCount() >= 2) {
                // Graph.weights reads input 1 (api: it is meant for ops that have weights)
                g.weights(n);
            }
        }
        g.parameters();
        g.results();
    }

    /** A new empty folder per input: a mapped .bin of an earlier input must never be overwritten under it. */
    private static Path freshFolder() throws IOException {
        Path folder = DIR.resolve(Long.toString(run++));
        if (run > 1) {
            deleteTree(DIR.resolve(Long.toString(run - 2)));
        }
        return Files.createDirectories(folder);
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("ir-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
