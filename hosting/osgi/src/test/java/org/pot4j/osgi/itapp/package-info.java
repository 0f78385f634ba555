/**
 * An application bundle for the integration tests, packed from these classes at test time: it uses pot4j only
 * through the {@code PluginRegistry} service and answers the test through a {@code java.util.function.Function}
 * service, so nothing but JDK types crosses the framework boundary.
 */
package org.pot4j.osgi.itapp;
