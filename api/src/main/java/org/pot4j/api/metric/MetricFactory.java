package org.pot4j.api.metric;

import java.util.Map;
import org.pot4j.api.plugin.PluginContext;

/** Creates metrics of one kind ({@code "accuracy"}, ...). */
public interface MetricFactory {
    /** {@return the unique name users select the metric by} */
    String name();

    /**
     * A metric configured by {@code config}.
     *
     * @param config  the metric's section of the configuration, as plain JSON-like values
     * @param context what the metric may use of its host
     * @return a new metric with no updates
     */
    Metric create(Map<String, Object> config, PluginContext context);
}
