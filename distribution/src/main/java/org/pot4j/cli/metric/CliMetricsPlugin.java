package org.pot4j.cli.metric;

import java.util.List;
import java.util.Map;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricFactory;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The metrics the command line evaluates with: {@code accuracy} (top-k) and {@code output_difference}. */
public final class CliMetricsPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "cli-metrics";
    }

    @Override
    public List<MetricFactory> metrics() {
        return List.of(new AccuracyFactory(), new DifferenceFactory());
    }

    /** {@code accuracy}, key {@code top_k} (default 5). */
    static final class AccuracyFactory implements MetricFactory {
        @Override
        public String name() {
            return "accuracy";
        }

        @Override
        public Metric create(Map<String, Object> config, PluginContext context) {
            for (String key : config.keySet()) {
                if (!key.equals("top_k")) {
                    throw new ConfigurationException(key, "unknown key of the accuracy metric (known: top_k)");
                }
            }
            Object k = config.getOrDefault("top_k", 5);
            if (!(k instanceof Number) || ((Number) k).doubleValue() != ((Number) k).intValue()
                    || ((Number) k).intValue() < 1) {
                throw new ConfigurationException("top_k", "must be an integer >= 1, got " + k);
            }
            return new TopKAccuracy(((Number) k).intValue());
        }
    }

    /** {@code output_difference}, no keys. */
    static final class DifferenceFactory implements MetricFactory {
        @Override
        public String name() {
            return "output_difference";
        }

        @Override
        public Metric create(Map<String, Object> config, PluginContext context) {
            if (!config.isEmpty()) {
                throw new ConfigurationException(config.keySet().iterator().next(),
                        "the output_difference metric takes no keys");
            }
            return new OutputDifference();
        }
    }
}
