package org.pot4j.core.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricFactory;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin META-INF/services of the test classpath registers: one factory of every kind. */
public class TestPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "test-plugin";
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new EngineFactory() {
            @Override
            public String name() {
                return "test-engine";
            }

            @Override
            public Engine create(EngineSettings settings, PluginContext context) {
                throw new UnsupportedOperationException("test double");
            }
        });
    }

    @Override
    public List<AlgorithmFactory> algorithms() {
        return List.of(new AlgorithmFactory() {
            @Override
            public String name() {
                return "TestAlgorithm";
            }

            @Override
            public Algorithm create(AlgorithmSettings settings, PluginContext context) {
                throw new UnsupportedOperationException("test double");
            }
        });
    }

    @Override
    public List<DataLoaderFactory> dataLoaders() {
        return List.of(new DataLoaderFactory() {
            @Override
            public String name() {
                return "test-loader";
            }

            @Override
            public DataLoader create(Map<String, Object> config, PluginContext context) {
                throw new UnsupportedOperationException("test double");
            }
        });
    }

    @Override
    public List<ModelFormat> modelFormats() {
        return List.of(new TestFormat("test-format", "tst"));
    }

    @Override
    public List<MetricFactory> metrics() {
        return List.of(new MetricFactory() {
            @Override
            public String name() {
                return "test-metric";
            }

            @Override
            public Metric create(Map<String, Object> config, PluginContext context) {
                throw new UnsupportedOperationException("test double");
            }
        });
    }

    /** A format that recognises files by extension only. */
    static final class TestFormat implements ModelFormat {
        private final String name;
        private final String extension;

        TestFormat(String name, String extension) {
            this.name = name;
            this.extension = extension;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> extensions() {
            return List.of(extension);
        }

        @Override
        public boolean recognizes(Path file) {
            return file.getFileName().toString().endsWith("." + extension);
        }

        @Override
        public Model read(ModelSource source) {
            throw new UnsupportedOperationException("test double");
        }

        @Override
        public List<Path> write(Model model, Path directory, String baseName) {
            throw new UnsupportedOperationException("test double");
        }
    }
}
