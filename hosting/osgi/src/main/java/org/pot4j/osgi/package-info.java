/**
 * Hosting pot4j in an OSGi framework: {@link org.pot4j.osgi.OsgiPluginTracker} keeps a
 * {@link org.pot4j.core.plugin.PluginRegistry} in step with the {@link org.pot4j.api.plugin.Pot4jPlugin} services of
 * the framework, {@link org.pot4j.osgi.Pot4jBundleActivator} does so for the whole framework and publishes the
 * registry as a service, and {@link org.pot4j.osgi.HostPackages} spells the packages of the native runtimes a host
 * exports from its class path.
 */
package org.pot4j.osgi;
