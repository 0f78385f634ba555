package org.pot4j.cli.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pot4j.api.error.PluginException;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.core.plugin.PluginRegistry;
import org.pot4j.core.plugin.RegisteredPlugin;

/**
 * Loads the drop-in plugin jars of a folder with PF4J, each in its own class loader that shares pot4j's API with the
 * host, and registers their {@link Pot4jPlugin} entry points into a {@link PluginRegistry} labelled with the jar.
 *
 * <p>A jar is a plugin when its manifest has {@code Plugin-Id} and {@code Plugin-Version} (or it has a
 * {@code plugin.properties}); its entry points are the classes listed in
 * {@code META-INF/services/org.pot4j.api.plugin.Pot4jPlugin} and those PF4J's {@code @Extension} index names. A jar
 * that cannot be used (no descriptor, no entry point, an entry point that throws, a bundled copy of the pot4j API, a
 * name another plugin already has) is skipped and reported; it never stops the others.
 */
public final class Pf4jPluginHost implements AutoCloseable {
    private static final String SERVICES = "META-INF/services/" + Pot4jPlugin.class.getName();
    private static final String API_FOLDER = "org/pot4j/api/";

    private final Pot4jPluginManager manager;
    private final List<SkippedPlugin> skipped = new ArrayList<>();
    private final List<RegisteredPlugin> registered = new ArrayList<>();

    private Pf4jPluginHost(Path folder) {
        this.manager = new Pot4jPluginManager(folder);
    }

    /**
     * Loads every {@code *.jar} and {@code *.zip} directly inside {@code folder} (in file name order) into
     * {@code registry}; a zip is expanded beside itself as PF4J does, and read with PF4J's zip layout.
     * A folder that does not exist holds no plugins.
     */
    public static Pf4jPluginHost load(Path folder, PluginRegistry registry) {
        Pf4jPluginHost host = new Pf4jPluginHost(folder);
        if (Files.isDirectory(folder)) {
            for (Path jar : jarsIn(folder)) {
                host.loadJar(jar, registry);
            }
        }
        return host;
    }

    /** The jars that were not loaded, with the reason. */
    public List<SkippedPlugin> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /** The plugins registered from the folder. */
    public List<RegisteredPlugin> registered() {
        return Collections.unmodifiableList(registered);
    }

    /** Stops and unloads every plugin (their class loaders close). */
    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private static List<Path> jarsIn(Path folder) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{jar,zip}")) {
            files.forEach(f -> {
                if (Files.isRegularFile(f)) {
                    jars.add(f);
                }
            });
        } catch (IOException e) {
            throw new PluginException("cannot list the plugins folder " + folder + ": " + e.getMessage(), e);
        }
        Collections.sort(jars);
        return jars;
    }

    private void loadJar(Path jar, PluginRegistry registry) {
        Path pluginPath = jar;
        if (jar.getFileName().toString().endsWith(".zip")) {
            try {
                pluginPath = org.pf4j.util.FileUtils.expandIfZip(jar);
            } catch (IOException | RuntimeException e) {
                skipped.add(new SkippedPlugin(jar, "not a readable zip: " + e.getMessage()));
                return;
            }
        }
        Optional<String> problem = Optional.empty();
        for (Path entry : SharedApiJarPluginLoader.classPath(pluginPath)) {
            problem = problem.isPresent() ? problem : bundledApi(entry);
        }
        if (problem.isPresent()) {
            skipped.add(new SkippedPlugin(jar, problem.get()));
            return;
        }
        String id;
        try {
            id = manager.loadPlugin(pluginPath);
        } catch (PluginRuntimeException | IllegalArgumentException e) {
            skipped.add(new SkippedPlugin(jar, "not a PF4J plugin (" + firstLine(e.getMessage()) + "); "
                    + (pluginPath.equals(jar) ? "its manifest needs Plugin-Id and Plugin-Version"
                            : "its plugin.properties needs plugin.id and plugin.version")));
            return;
        }
        try {
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                skip(jar, id, "PF4J did not start it (state " + state + ")");
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            skip(jar, id, "its PF4J plugin class failed to start: " + e);
            return;
        }
        ClassLoader loader = manager.getPluginClassLoader(id);
        List<Pot4jPlugin> plugins = new ArrayList<>();
        try {
            Set<String> names = entryPointNames(id, loader);
            if (names.isEmpty()) {
                skip(jar, id, "no entry point: list a " + Pot4jPlugin.class.getName() + " implementation in "
                        + SERVICES + " (or mark it @Extension)");
                return;
            }
            for (String name : names) {
                plugins.add(instantiate(name, loader));
            }
        } catch (PluginException e) {
            skip(jar, id, e.getMessage());
            return;
        }
        List<RegisteredPlugin> added = new ArrayList<>();
        try {
            for (Pot4jPlugin plugin : plugins) {
                added.add(registry.register(plugin, jar.toString()));
            }
        } catch (PluginException e) {
            added.forEach(registry::unregister);
            skip(jar, id, e.getMessage());
            return;
        }
        registered.addAll(added);
    }

    private void skip(Path jar, String id, String reason) {
        skipped.add(new SkippedPlugin(jar, reason));
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            // the plugin is already broken; failing to unload it changes nothing for the user
        }
    }

    /** A plugin that packs its own copy of the API would define a second, incompatible {@code Pot4jPlugin}. */
    private static Optional<String> bundledApi(Path jar) {
        if (Files.isDirectory(jar)) {
            Path api = jar.resolve(API_FOLDER);
            return Files.isDirectory(api) ? Optional.of("it bundles its own copy of the pot4j API (" + api
                    + "); build it with pot4j-api in provided scope") : Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith(API_FOLDER) && name.endsWith(".class")) {
                    return Optional.of("it bundles its own copy of the pot4j API (" + name
                            + "); build it with pot4j-api in provided scope");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("not a readable jar: " + e.getMessage());
        }
    }

    /** Class names from the jar's own service file (not the host's) and from PF4J's extension index. */
    private Set<String> entryPointNames(String id, ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        if (loader instanceof SharedApiPluginClassLoader) {
            try {
                Enumeration<URL> files = ((SharedApiPluginClassLoader) loader).findResources(SERVICES);
                while (files.hasMoreElements()) {
                    names.addAll(serviceLines(files.nextElement()));
                }
            } catch (IOException e) {
                throw new PluginException("cannot read " + SERVICES + ": " + e.getMessage(), e);
            }
        }
        for (Class<?> type : manager.getExtensionClasses(Pot4jPlugin.class, id)) {
            names.add(type.getName());
        }
        return names;
    }

    private static List<String> serviceLines(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Pot4jPlugin instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PluginException("its entry point " + className + " cannot be loaded: " + e);
        }
        if (!Pot4jPlugin.class.isAssignableFrom(type)) {
            throw new PluginException("its entry point " + className + " does not implement "
                    + Pot4jPlugin.class.getName());
        }
        try {
            return (Pot4jPlugin) type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginException("its entry point " + className + " failed in its constructor: "
                    + e.getCause());
        } catch (NoSuchMethodException e) {
            throw new PluginException("its entry point " + className + " has no public constructor without arguments");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new PluginException("its entry point " + className + " cannot be created: " + e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no descriptor";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** PF4J's manager in deployment mode, loading jars into class loaders that share pot4j's API. */
    private static final class Pot4jPluginManager extends DefaultPluginManager {
        Pot4jPluginManager(Path folder) {
            super(folder);
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            // never development mode (a pf4j.mode system property would make PF4J look for class folders)
            return RuntimeMode.DEPLOYMENT;
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new SharedApiJarPluginLoader(this, Pf4jPluginHost.class.getClassLoader());
        }
    }
}
