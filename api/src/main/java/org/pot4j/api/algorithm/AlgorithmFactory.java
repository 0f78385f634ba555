package org.pot4j.api.algorithm;

import org.pot4j.api.plugin.PluginContext;

/** Creates algorithms of one kind, named as in POT's config ({@code "DefaultQuantization"}). */
public interface AlgorithmFactory {
    /** {@return the unique name of the algorithm, as in POT's config} */
    String name();

    /**
     * An algorithm configured by {@code settings}: its own {@code params} (POT's {@code params} object, as plain
     * values), which the factory binds and validates, and the compression section's common keys (target device, model
     * type, ...), which are never among the params.
     *
     * @param settings the algorithm's params and the compression section's common keys
     * @param context  what the algorithm may use of its host (loggers, engines, formats)
     * @return the algorithm
     * @throws org.pot4j.api.error.ConfigurationException naming the parameter at fault under {@code params.}
     *                                                    ({@code params.stat_subset_size}), so a host can place it in
     *                                                    its configuration file; an unknown key is such an error
     */
    Algorithm create(AlgorithmSettings settings, PluginContext context);
}
