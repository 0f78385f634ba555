package com.example.pot4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.config.ConfigValues;

/** The "RangeReport" algorithm: params {@code output} (required) and {@code stat_subset_size} (default 10). */
public final class RangeReportFactory implements AlgorithmFactory {
    static final String NAME = "RangeReport";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Algorithm create(Map<String, Object> params, PluginContext context) {
        ConfigValues values = new ConfigValues(params, Set.of("output", "stat_subset_size"), "params.");
        return new RangeReport(Path.of(values.requireString("output")), values.optInt("stat_subset_size").orElse(10));
    }
}
