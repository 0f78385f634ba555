package com.example.pot4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.core.config.ConfigValues;

/** The "csv" loader: keys {@code file} (required), {@code shape} (required), {@code label_column} (optional). */
public final class CsvDataLoaderFactory implements DataLoaderFactory {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public DataLoader create(Map<String, Object> config, PluginContext context) {
        ConfigValues values = new ConfigValues(config, Set.of("file", "shape", "label_column"));
        List<Long> dims = values.optDims("shape").orElseThrow(
                () -> new org.pot4j.api.error.ConfigurationException("shape", "is required"));
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new CsvDataLoader(Path.of(values.requireString("file")), Shape.of(shape),
                values.optInt("label_column").orElse(-1));
    }
}
