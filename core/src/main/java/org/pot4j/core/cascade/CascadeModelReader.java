package org.pot4j.core.cascade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.config.ModelConfig;

/**
 * Reads the model of a {@code model} configuration section, as POT's {@code load_model}: one model file, or the
 * stages of {@code model.cascade} each through the format that recognises its file, named after its stage.
 */
public final class CascadeModelReader {
    private CascadeModelReader() {
    }

    /**
     * The single model or the {@link CascadeModel} the section describes.
     *
     * @throws ConfigurationException naming the key of a stage whose file no format recognises or whose name is bad
     * @throws ModelFormatException   from the format, naming the file, when a stage cannot be read
     */
    public static Model read(ModelConfig config, PluginContext context) {
        if (!config.isCascade()) {
            Path file = config.model().orElseThrow();
            return format(file, context, "model.model").read(
                    new ModelSource(file, config.weights(), config.modelName()));
        }
        List<Model> stages = new ArrayList<>();
        for (int i = 0; i < config.cascade().size(); i++) {
            ModelConfig.CascadeStage stage = config.cascade().get(i);
            String key = "model.cascade[" + i + "]";
            if (stages.stream().anyMatch(s -> s.name().equals(stage.name()))) {
                throw new ConfigurationException(key + ".name", "stage name '" + stage.name() + "' is used twice");
            }
            try {
                org.pot4j.api.engine.cascade.CascadePorts.checkStageName(stage.name());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key + ".name", e.getMessage());
            }
            Model read = format(stage.model(), context, key + ".model").read(
                    new ModelSource(stage.model(), stage.weights(), stage.name()));
            if (!read.name().equals(stage.name())) {
                throw new ModelFormatException(stage.model() + ": format '" + read.format() + "' named the model '"
                        + read.name() + "' instead of its stage name '" + stage.name() + "'");
            }
            stages.add(read);
        }
        return new CascadeModel(config.modelName(), stages);
    }

    private static ModelFormat format(Path file, PluginContext context, String key) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(key, "model file not found: " + file);
        }
        return context.modelFormatFor(file).orElseThrow(() -> new ConfigurationException(key,
                "no model format recognises " + file));
    }
}
