package org.pot4j.core.cascade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;

/** Writes each stage of a cascade with its own format as {@code <baseName>_<stage>}, as POT's {@code save_model}. */
public final class CascadeModelWriter {
    private CascadeModelWriter() {
    }

    /**
     * @return the files written, stage by stage, each stage's model file first
     * @throws ModelFormatException naming the stage whose format is not available
     */
    public static List<Path> write(CascadeModel cascade, Path directory, String baseName, PluginContext context) {
        List<Path> written = new ArrayList<>();
        for (Model stage : cascade.subModels()) {
            ModelFormat format = context.modelFormat(stage.format()).orElseThrow(() -> new ModelFormatException(
                    "cascade '" + cascade.name() + "' stage '" + stage.name() + "': no model format '"
                            + stage.format() + "' to write it with"));
            written.addAll(format.write(stage, directory, baseName + "_" + stage.name()));
        }
        return written;
    }
}
