package com.example.pot4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.core.config.ConfigValues;

/**
 * The "csv" loader: keys {@code data_source} (the file; what {@code pot4j --data} passes) or its older name
 * {@code file}, {@code shape} (required: one sample's shape) and {@code label_column} (optional).
 */
public final class CsvDataLoaderFactory implements DataLoaderFactory {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public DataLoader create(Map<String, Object> config, PluginContext context) {
        ConfigValues values = new ConfigValues(config, Set.of("data_source", "file", "shape", "label_column"));
        Optional<String> file = values.optString("data_source").or(() -> values.optString("file"));
        if (file.isEmpty()) {
            throw new org.pot4j.api.error.ConfigurationException("data_source", "is required: the CSV file");
        }
        List<Long> dims = values.optDims("shape").orElseThrow(
                () -> new org.pot4j.api.error.ConfigurationException("shape", "is required"));
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new CsvDataLoader(Path.of(file.get()), Shape.of(shape),
                values.optInt("label_column").orElse(-1));
    }
}
