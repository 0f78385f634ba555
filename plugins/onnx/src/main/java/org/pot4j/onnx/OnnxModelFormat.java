package org.pot4j.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.onnx.io.OnnxWriter;
import org.pot4j.onnx.view.OnnxOpSchemas;

/** ONNX: reads {@code .onnx} files (IR 3..10, opsets 7..21, external data beside the model) and writes them back. */
public final class OnnxModelFormat implements ModelFormat {
    /** The format name. */
    public static final String NAME = OnnxModel.FORMAT;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> extensions() {
        return List.of("onnx");
    }

    @Override
    public boolean recognizes(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx") || !Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            // a ModelProto starts with one of its field tags: ir_version (0x08), producer_name (0x12), ...
            return first == 0x08 || first == 0x12 || first == 0x1a || first == 0x22 || first == 0x28
                    || first == 0x32 || first == 0x3a || first == 0x42 || first == 0x4a || first == 0x72
                    || first == 0xa2 || first == 0xca;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public OnnxModel read(ModelSource source) {
        OnnxReader.Result r = OnnxReader.read(source.model());
        OnnxOpSchemas.standard().check(source.model(), r.proto());
        OnnxModel model = new OnnxModel(source.name(), source.model(), r.proto(), r.externalData());
        model.view(); // map the graph now so a model pot4j cannot handle fails here, naming the file and node
        return model;
    }

    @Override
    public List<Path> write(Model model, Path directory, String baseName) {
        if (!(model instanceof OnnxModel)) {
            throw ModelFormatException.inFile(directory.resolve(baseName + ".onnx"), "cannot write a model of format '"
                    + model.format() + "' as ONNX");
        }
        OnnxModel m = (OnnxModel) model;
        return OnnxWriter.write(m.proto(), m.externalData(), directory, baseName);
    }
}
