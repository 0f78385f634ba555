package org.pot4j.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.pot4j.api.error.PluginException;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.core.plugin.PluginRegistry;
import org.pot4j.core.plugin.RegisteredPlugin;

/**
 * Keeps a {@link PluginRegistry} in step with the {@link Pot4jPlugin} services of an OSGi framework: a plugin
 * service that appears (a plugin bundle started) is registered with the source label {@code osgi:<symbolic
 * name>/<version> [bundle <id>]}, one that goes away (its bundle stopped, updated or uninstalled) is removed with
 * everything it contributed. Nothing needs a restart.
 *
 * <p>A service the registry refuses (a blank name, or a factory name another plugin already has) is kept waiting
 * with the reason ({@link #rejected()}) and logged; it is tried again whenever another plugin leaves, so the second
 * of two clashing bundles takes over when the first one stops.
 *
 * <p>Callbacks come on whichever thread changed the service; they are serialised here, and the registry itself is
 * safe to read meanwhile.
 */
public final class OsgiPluginTracker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OsgiPluginTracker.class.getName());

    private final BundleContext context;
    private final PluginRegistry registry;
    private final ServiceTracker<Pot4jPlugin, TrackedPlugin> tracker;
    /** Services in arrival order, registered or waiting; guarded by {@code this}. */
    private final List<TrackedPlugin> tracked = new ArrayList<>();

    /**
     * A tracker of the plugin services {@code context} can see, feeding {@code registry}; call {@link #open()}.
     *
     * @param context the bundle context whose view of the services is used (its wiring decides which
     *                {@code Pot4jPlugin} class counts: only services of the same class are tracked)
     */
    public OsgiPluginTracker(BundleContext context, PluginRegistry registry) {
        this.context = Objects.requireNonNull(context, "context");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tracker = new ServiceTracker<>(context, Pot4jPlugin.class, new Customizer());
    }

    /** Starts tracking; plugin services already registered are added before this returns. */
    public OsgiPluginTracker open() {
        tracker.open();
        return this;
    }

    /** Stops tracking and removes every plugin this tracker added from the registry. */
    @Override
    public void close() {
        tracker.close();
    }

    /** The registry this tracker feeds. */
    public PluginRegistry registry() {
        return registry;
    }

    /** Why each plugin service that is waiting outside the registry was refused, in arrival order. */
    public synchronized List<String> rejected() {
        List<String> out = new ArrayList<>();
        for (TrackedPlugin t : tracked) {
            if (t.registered == null) {
                out.add(t.source + ": " + t.problem);
            }
        }
        return out;
    }

    /** The source label of a service: the symbolic name, version and id of the bundle that registered it. */
    static String sourceOf(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return "osgi:unregistered service " + reference;
        }
        return "osgi:" + bundle.getSymbolicName() + "/" + bundle.getVersion() + " [bundle " + bundle.getBundleId() + "]";
    }

    private synchronized TrackedPlugin add(ServiceReference<Pot4jPlugin> reference) {
        String source = sourceOf(reference);
        Pot4jPlugin plugin;
        try {
            plugin = context.getService(reference);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pot4j plugin service from " + source + " cannot be obtained: " + e);
            return null;
        }
        if (plugin == null) {
            // a service factory that failed; the framework has logged why
            LOG.log(System.Logger.Level.WARNING, "pot4j plugin service from " + source + " returned no object");
            return null;
        }
        TrackedPlugin t = new TrackedPlugin(reference, plugin, source);
        tracked.add(t);
        tryRegister(t);
        return t;
    }

    private synchronized void remove(ServiceReference<Pot4jPlugin> reference, TrackedPlugin t) {
        tracked.remove(t);
        boolean wasRegistered = t.registered != null;
        if (wasRegistered) {
            String name = t.registered.name();
            registry.unregister(t.registered);
            t.registered = null;
            LOG.log(System.Logger.Level.DEBUG, () -> "pot4j plugin '" + name + "' removed (" + t.source + ")");
        }
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            // our own bundle is stopping: the framework releases the service itself
        }
        if (wasRegistered) {
            for (TrackedPlugin waiting : List.copyOf(tracked)) {
                if (waiting.registered == null) {
                    tryRegister(waiting);
                }
            }
        }
    }

    private void tryRegister(TrackedPlugin t) {
        try {
            RegisteredPlugin registered = registry.register(t.plugin, t.source);
            t.registered = registered;
            t.problem = null;
            LOG.log(System.Logger.Level.DEBUG, () -> "pot4j plugin '" + registered.name() + "' added (" + t.source + ")");
        } catch (PluginException e) {
            t.problem = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "pot4j plugin service from " + t.source
                    + " is not used until the conflict goes away: " + e.getMessage());
        }
    }

    /** One tracked service: the plugin object, its label, and its registration or why it has none. */
    private static final class TrackedPlugin {
        final ServiceReference<Pot4jPlugin> reference;
        final Pot4jPlugin plugin;
        final String source;
        RegisteredPlugin registered;
        String problem;

        TrackedPlugin(ServiceReference<Pot4jPlugin> reference, Pot4jPlugin plugin, String source) {
            this.reference = reference;
            this.plugin = plugin;
            this.source = source;
        }
    }

    private final class Customizer implements ServiceTrackerCustomizer<Pot4jPlugin, TrackedPlugin> {
        @Override
        public TrackedPlugin addingService(ServiceReference<Pot4jPlugin> reference) {
            return add(reference);
        }

        @Override
        public void modifiedService(ServiceReference<Pot4jPlugin> reference, TrackedPlugin service) {
            // properties carry nothing pot4j reads
        }

        @Override
        public void removedService(ServiceReference<Pot4jPlugin> reference, TrackedPlugin service) {
            remove(reference, service);
        }
    }
}
