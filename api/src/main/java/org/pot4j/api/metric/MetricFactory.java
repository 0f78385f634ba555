package org.pot4j.api.metric;

import java.util.Map;
import org.pot4j.api.plugin.PluginContext;

/** Creates metrics of one kind ({@code "accuracy"}, ...). */
public interface MetricFactory {
    /** The unique name of the metric. */
    String name();

    /** A metric configured by {@code config}. */
    Metric create(Map<String, Object> config, PluginContext context);
}
