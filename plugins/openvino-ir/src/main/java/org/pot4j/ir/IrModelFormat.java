package org.pot4j.ir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.io.IrReader;
import org.pot4j.ir.io.IrWriter;

/** OpenVINO IR: reads v10 and v11 {@code .xml} + {@code .bin}, writes v11. */
public final class IrModelFormat implements ModelFormat {
    /** The format name. */
    public static final String NAME = "openvino-ir";

    /** How much of a file {@link #recognizes} looks at for the {@code <net} element. */
    private static final int SNIFF_BYTES = 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> extensions() {
        return List.of("xml");
    }

    @Override
    public boolean recognizes(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") || !Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
            return head.contains("<net ") || head.contains("<net>");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public IrModel read(ModelSource source) {
        IrDocument doc = new IrReader(source.model(), source.weights()).read();
        IrModel model = new IrModel(source.name(), doc, source.model());
        model.view();
        return model;
    }

    @Override
    public List<Path> write(Model model, Path directory, String baseName) {
        if (!(model instanceof IrModel)) {
            throw ModelFormatException.inFile(directory.resolve(baseName + ".xml"), "cannot write a model of format '"
                    + model.format() + "' as OpenVINO IR");
        }
        IrModel ir = (IrModel) model;
        // Building the view checks the edited document is still a well-formed graph before anything is written.
        ir.view();
        return IrWriter.write(ir.document(), directory, baseName);
    }
}
