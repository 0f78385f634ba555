package org.pot4j.osgi.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** An Apache Felix framework started in a folder of its own, with helpers to install bundles and find services. */
final class EmbeddedFelix implements AutoCloseable {
    private final Framework framework;

    private EmbeddedFelix(Framework framework) {
        this.framework = framework;
    }

    /** Starts a framework whose bundle cache is {@code storage}, with the given launching properties. */
    static EmbeddedFelix start(Path storage, Map<String, String> properties) throws BundleException {
        Map<String, String> config = new HashMap<>(properties);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.putIfAbsent("felix.log.level", "1");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi FrameworkFactory on the class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        return new EmbeddedFelix(framework);
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs every jar, then starts those that are not fragments, in order; returns them in order. */
    List<Bundle> installAndStart(List<Path> jars) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(context().installBundle(jar.toUri().toString()));
        }
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return bundles;
    }

    Bundle install(Path jar) throws BundleException {
        return context().installBundle(jar.toUri().toString());
    }

    /** The installed bundle called {@code symbolicName}. */
    Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }

    /** The service of {@code type} matching {@code filter}, seen from the system bundle. */
    <T> T service(Class<T> type, String filter) throws InvalidSyntaxException {
        for (ServiceReference<T> ref : context().getServiceReferences(type, filter)) {
            T service = context().getService(ref);
            if (service != null) {
                return service;
            }
        }
        throw new AssertionError("no " + type.getName() + " service matching " + filter);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        FrameworkEvent event = framework.waitForStop(20_000);
        if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            throw new IllegalStateException("Felix did not stop within 20 s");
        }
    }
}
