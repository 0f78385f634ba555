package org.pot4j.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.osgi.framework.Version;
import org.pot4j.api.error.ConfigurationException;

/**
 * The value of {@code org.osgi.framework.system.packages.extra} for jars a host keeps on its own class path and
 * shares with bundles: every package of a jar that holds classes, exported at one version.
 *
 * <p>pot4j uses it for the native runtimes (ONNX Runtime, JavaCPP, OpenCV, OpenBLAS): their JNI classes then load
 * once, in the host's class loader, for the life of the JVM, so stopping, updating or refreshing a plugin bundle
 * never tries to load the same native library into a second class loader (which JNI refuses).
 */
public final class HostPackages {
    /** Property name of the framework launching property this class computes. */
    public static final String SYSTEM_PACKAGES_EXTRA = "org.osgi.framework.system.packages.extra";

    private final Map<String, Version> versions = new TreeMap<>();
    private final Map<String, String> origins = new TreeMap<>();

    /**
     * Adds every package of {@code jar} that contains a class (multi-release variants and {@code module-info}
     * excluded), at {@code version}.
     *
     * @throws ConfigurationException naming the jar when it cannot be read or holds no class, or the version is not
     *                                an OSGi version, or a package was already added from another jar
     */
    public HostPackages addJar(Path jar, String version) {
        Version v = parse(version, jar.toString());
        if (!Files.isRegularFile(jar)) {
            throw new ConfigurationException("", "host jar " + jar + " does not exist");
        }
        Set<String> packages = new java.util.TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                int slash = name.lastIndexOf('/');
                if (name.endsWith(".class") && slash > 0 && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, slash).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("", "host jar " + jar + " cannot be read: " + e.getMessage(), e);
        }
        if (packages.isEmpty()) {
            throw new ConfigurationException("", "host jar " + jar + " holds no class (a natives-only jar needs no export)");
        }
        for (String p : packages) {
            put(p, v, jar.toString());
        }
        return this;
    }

    /** Adds one package at {@code version}. */
    public HostPackages addPackage(String packageName, String version) {
        put(packageName, parse(version, packageName), "package " + packageName);
        return this;
    }

    /** The packages added so far, sorted. */
    public Set<String> packages() {
        return Collections.unmodifiableSet(versions.keySet());
    }

    /** {@code a.b;version="1.2.3",c.d;version="4.5.0"}: the value for {@link #SYSTEM_PACKAGES_EXTRA}. */
    public String systemPackagesExtra() {
        StringBuilder out = new StringBuilder();
        versions.forEach((p, v) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(p).append(";version=\"").append(v).append('"');
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return systemPackagesExtra();
    }

    private void put(String packageName, Version version, String origin) {
        Version before = versions.get(packageName);
        if (before != null && !origins.get(packageName).equals(origin)) {
            // the same package from two jars is a split package: whichever comes first on the class path wins
            throw new ConfigurationException("", "package " + packageName + " comes from both "
                    + origins.get(packageName) + " and " + origin);
        }
        versions.put(packageName, version);
        origins.put(packageName, origin);
    }

    private static Version parse(String version, String what) {
        try {
            return Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("", "version '" + version + "' for " + what
                    + " is not an OSGi version (major.minor.micro.qualifier): " + e.getMessage(), e);
        }
    }
}
