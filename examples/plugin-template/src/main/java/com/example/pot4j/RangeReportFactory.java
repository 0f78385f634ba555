package com.example.pot4j;

import java.nio.file.Path;
import java.util.Set;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.config.ConfigValues;

/**
 * The "RangeReport" algorithm: params {@code output} (required) and {@code stat_subset_size} (default 10), bound here;
 * any other key is an error naming it ({@code params.colour}). The settings' target device and model type do not
 * matter to a report, so it reads none of them.
 */
public final class RangeReportFactory implements AlgorithmFactory {
    static final String NAME = "RangeReport";
    static final int DEFAULT_STAT_SUBSET_SIZE = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Algorithm create(AlgorithmSettings settings, PluginContext context) {
        ConfigValues values = new ConfigValues(settings.params(), Set.of("output", "stat_subset_size"), "params.");
        return new RangeReport(Path.of(values.requireString("output")),
                values.optIntAtLeast("stat_subset_size", 1).orElse(DEFAULT_STAT_SUBSET_SIZE));
    }
}
