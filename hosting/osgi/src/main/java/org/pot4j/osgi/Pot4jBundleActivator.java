package org.pot4j.osgi;

import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * The activator of the pot4j-osgi bundle: one {@link PluginRegistry} for the framework, fed by an
 * {@link OsgiPluginTracker} and published as a {@code org.pot4j.core.plugin.PluginRegistry} service, so application
 * bundles look up engines, algorithms, loaders and formats by name without knowing which bundle provides them.
 */
public final class Pot4jBundleActivator implements BundleActivator {
    private OsgiPluginTracker tracker;
    private ServiceRegistration<PluginRegistry> registration;

    @Override
    public void start(BundleContext context) {
        // fill the registry before publishing it, so a consumer never sees it without the plugins already running
        tracker = new OsgiPluginTracker(context, PluginRegistry.create()).open();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, "pot4j plugin registry, in step with the Pot4jPlugin services");
        registration = context.registerService(PluginRegistry.class, tracker.registry(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }
}
