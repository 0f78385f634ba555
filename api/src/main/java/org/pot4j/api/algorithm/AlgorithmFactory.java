package org.pot4j.api.algorithm;

import java.util.Map;
import org.pot4j.api.plugin.PluginContext;

/** Creates algorithms of one kind, named as in POT's config ({@code "DefaultQuantization"}). */
public interface AlgorithmFactory {
    /** The unique name of the algorithm. */
    String name();

    /**
     * An algorithm configured by {@code params} (the {@code params} object of POT's config, as plain values).
     *
     * @throws org.pot4j.api.error.ConfigurationException naming the parameter at fault
     */
    Algorithm create(Map<String, Object> params, PluginContext context);
}
