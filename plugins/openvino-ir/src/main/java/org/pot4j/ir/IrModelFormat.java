package org.pot4j.ir;

import java.io.IOException;
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
import org.pot4j.ir.xml.XmlProlog;

/** OpenVINO IR: reads v10 and v11 {@code .xml} + {@code .bin}, writes v11. */
public final class IrModelFormat implements ModelFormat {
    /** The format name. */
    public static final String NAME = "openvino-ir";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> extensions() {
        return List.of("xml");
    }

    /**
     * True for a {@code .xml} file whose root element is {@code <net>}, however long the prolog before it (comments,
     * whitespace, processing instructions; up to {@link XmlProlog#MAX_PROLOG_BYTES}); a file that is not XML is
     * given up on at its first bytes and another XML file at its root element.
     */
    @Override
    public boolean recognizes(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            return XmlProlog.rootElement(file).filter("net"::equals).isPresent();
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
