/**
 * The plugin registry: finds {@link org.pot4j.api.plugin.Pot4jPlugin}s with {@link java.util.ServiceLoader} (or takes
 * them from a PF4J or OSGi host), validates the names of what they contribute, hands out factories by name, and
 * gives plugins a narrow {@link org.pot4j.api.plugin.PluginContext}.
 */
package org.pot4j.core.plugin;
