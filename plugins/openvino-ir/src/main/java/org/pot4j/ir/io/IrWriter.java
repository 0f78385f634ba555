package org.pot4j.ir.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.TemporaryFiles;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrEdge;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.xml.IrXmlElement;
import org.pot4j.ir.xml.IrXmlWriter;

/**
 * Writes an {@link IrDocument} as IR v11: {@code baseName.xml} and {@code baseName.bin} are written to temporary
 * files in the target directory and then moved into place, so a failure never leaves half a model behind.
 *
 * <p>Ports are numbered as OpenVINO's serializer does (POT_SPEC §11): inputs 0..n-1, outputs from n (a Const,
 * having no inputs, has output 0). A v10 document is written as v11 by this renumbering alone.
 */
public final class IrWriter {
    /** The IR version written. */
    public static final String VERSION = "11";

    private IrWriter() {
    }

    /**
     * Writes {@code doc} into {@code directory} (created if needed).
     *
     * @return the {@code .xml} and {@code .bin} written
     */
    public static List<Path> write(IrDocument doc, Path directory, String baseName) {
        Path xml = directory.resolve(baseName + ".xml");
        Path bin = directory.resolve(baseName + ".bin");
        Path xmlTmp = null;
        Path binTmp = null;
        try {
            Files.createDirectories(directory);
            IrBinLayout layout = IrBinLayout.of(doc);
            binTmp = TemporaryFiles.beside(directory, baseName + "-", ".bin.tmp");
            writeBin(layout, binTmp);
            xmlTmp = TemporaryFiles.beside(directory, baseName + "-", ".xml.tmp");
            writeXml(doc, layout, xmlTmp);
            move(binTmp, bin);
            binTmp = null;
            move(xmlTmp, xml);
            xmlTmp = null;
            return List.of(xml, bin);
        } catch (IOException | UncheckedIOException e) {
            throw new ModelFormatException(xml + ": cannot write: " + e.getMessage(), e);
        } finally {
            deleteQuietly(xmlTmp);
            deleteQuietly(binTmp);
        }
    }

    private static void writeBin(IrBinLayout layout, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (ByteBuffer blob : layout.blobs()) {
                ByteBuffer b = blob.duplicate();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    }

    private static void writeXml(IrDocument doc, IrBinLayout layout, Path file) throws IOException {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            IrXmlWriter x = new IrXmlWriter(w);
            x.declaration();
            Map<String, String> net = new LinkedHashMap<>(doc.netAttributes());
            net.put("version", VERSION);
            x.open(0, "net", net);
            x.open(1, "layers", Map.of());
            for (IrLayer layer : doc.layers()) {
                writeLayer(x, layer, layout);
            }
            x.close(1, "layers");
            x.open(1, "edges", Map.of());
            for (IrEdge e : doc.edges()) {
                IrLayer from = doc.requireLayer(e.fromLayer());
                Map<String, String> a = new LinkedHashMap<>();
                a.put("from-layer", Integer.toString(e.fromLayer()));
                a.put("from-port", Integer.toString(from.inputs().size() + e.fromOutput()));
                a.put("to-layer", Integer.toString(e.toLayer()));
                a.put("to-port", Integer.toString(e.toInput()));
                x.empty(2, "edge", a);
            }
            x.close(1, "edges");
            for (IrXmlElement section : doc.sections()) {
                x.element(1, section);
            }
            x.close(0, "net");
        }
    }

    private static void writeLayer(IrXmlWriter x, IrLayer layer, IrBinLayout layout) throws IOException {
        x.open(2, "layer", layer.attributes());
        if (layer.hasData()) {
            Map<String, String> data = new LinkedHashMap<>(layer.data());
            if (layer.isConst() && layer.constData().isPresent()) {
                IrBinLayout.Placement p = layout.placement(layer.id());
                data.put("offset", Long.toString(p.offset()));
                data.put("size", Long.toString(p.size()));
            }
            x.empty(3, "data", data);
        }
        if (layer.rtInfo().isPresent()) {
            x.element(3, layer.rtInfo().get());
        }
        int n = layer.inputs().size();
        if (n > 0) {
            x.open(3, "input", Map.of());
            for (int i = 0; i < n; i++) {
                writePort(x, layer.input(i), i);
            }
            x.close(3, "input");
        }
        if (!layer.outputs().isEmpty()) {
            x.open(3, "output", Map.of());
            for (int o = 0; o < layer.outputs().size(); o++) {
                writePort(x, layer.output(o), n + o);
            }
            x.close(3, "output");
        }
        for (IrXmlElement extra : layer.extraChildren()) {
            x.element(3, extra);
        }
        x.close(2, "layer");
    }

    private static void writePort(IrXmlWriter x, IrPort port, int id) throws IOException {
        Map<String, String> attrs = new LinkedHashMap<>(port.attributes());
        if (attrs.containsKey("id")) {
            attrs.put("id", Integer.toString(id));
        } else {
            Map<String, String> withId = new LinkedHashMap<>();
            withId.put("id", Integer.toString(id));
            withId.putAll(attrs);
            attrs = withId;
        }
        if (port.rawDims().isEmpty() && port.rtInfo().isEmpty()) {
            x.empty(4, "port", attrs);
            return;
        }
        x.open(4, "port", attrs);
        for (String d : port.rawDims()) {
            x.textElement(5, "dim", d);
        }
        if (port.rtInfo().isPresent()) {
            x.element(5, port.rtInfo().get());
        }
        x.close(4, "port");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Best effort: the original error matters more than a leftover temporary file.
            }
        }
    }
}
