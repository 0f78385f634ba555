package com.example.pot4j;

import java.util.List;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin's one entry point, listed in META-INF/services: it contributes a loader, an engine and an algorithm. */
public final class ExamplePlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "pot4j-example";
    }

    @Override
    public List<DataLoaderFactory> dataLoaders() {
        return List.of(new CsvDataLoaderFactory());
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new TimingEngineFactory());
    }

    @Override
    public List<AlgorithmFactory> algorithms() {
        return List.of(new RangeReportFactory());
    }
}
