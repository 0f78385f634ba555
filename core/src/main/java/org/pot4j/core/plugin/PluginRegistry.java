package org.pot4j.core.plugin;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.error.PluginException;
import org.pot4j.api.metric.MetricFactory;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

/**
 * The plugins of one host and the factories they contribute, by kind and name.
 *
 * <p>Plugins come from {@link ServiceLoader} ({@link #loadServices(ClassLoader)}) or are added by a host that found
 * them itself, PF4J or OSGi, with a source label ({@link #register(Pot4jPlugin, String)}); such hosts remove them
 * again with {@link #unregister(RegisteredPlugin)}. Every registration is validated as a whole before anything is
 * added: a blank name, or a name another factory of the same kind already has, fails with a {@link PluginException}
 * naming the plugins and where both came from.
 *
 * <p>Thread-safe: lookups read an immutable snapshot without locking; changes are serialised and replace the snapshot.
 */
public final class PluginRegistry {
    /**
     * The engine used when none is named (the command line's {@code --engine}, POT's simplified mode) and that runs the
     * small models algorithms build ({@link PluginContext#defaultEngine()}): the pure-Java reference engine.
     */
    public static final String DEFAULT_ENGINE = "reference";

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final PluginContext context = new RegistryPluginContext(this);

    private PluginRegistry() {
    }

    /** An empty registry. */
    public static PluginRegistry create() {
        return new PluginRegistry();
    }

    /** A registry holding every plugin {@link ServiceLoader} finds through {@code loader}. */
    public static PluginRegistry discover(ClassLoader loader) {
        PluginRegistry registry = new PluginRegistry();
        registry.loadServices(loader);
        return registry;
    }

    /**
     * Registers every {@link Pot4jPlugin} service visible through {@code loader}, each labelled with the jar or folder
     * its class came from. Plugin classes already registered (a parent loader seen again) are skipped, so scanning
     * twice is harmless. All or nothing: when one plugin is invalid none of the new ones is registered.
     *
     * @return the plugins added
     * @throws PluginException naming the plugin that cannot be loaded or whose names clash
     */
    public synchronized List<RegisteredPlugin> loadServices(ClassLoader loader) {
        List<Pot4jPlugin> found = new ArrayList<>();
        Iterator<Pot4jPlugin> it = ServiceLoader.load(Pot4jPlugin.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw new PluginException("cannot load a pot4j plugin through " + loader + ": " + e.getMessage(), e);
            }
        }
        List<RegisteredPlugin> added = new ArrayList<>();
        for (Pot4jPlugin plugin : found) {
            if (!snapshot.hasClass(plugin.getClass())) {
                added.add(new RegisteredPlugin(plugin, nameOf(plugin, sourceOf(plugin.getClass())), sourceOf(plugin.getClass())));
            }
        }
        commit(added);
        return List.copyOf(added);
    }

    /**
     * Registers a plugin a host found itself.
     *
     * @param source where it came from, for listings and errors (a PF4J plugin id and path, an OSGi bundle)
     * @return the handle that {@link #unregister(RegisteredPlugin)} takes
     * @throws PluginException when a contributed name is blank or already taken
     */
    public synchronized RegisteredPlugin register(Pot4jPlugin plugin, String source) {
        String label = source == null || source.isBlank() ? sourceOf(plugin.getClass()) : source;
        RegisteredPlugin registered = new RegisteredPlugin(plugin, nameOf(plugin, label), label);
        commit(List.of(registered));
        return registered;
    }

    /**
     * Removes a plugin and everything it contributed.
     *
     * @return false when it was not registered (already removed)
     */
    public synchronized boolean unregister(RegisteredPlugin plugin) {
        Snapshot current = snapshot;
        if (!current.plugins.contains(plugin)) {
            return false;
        }
        List<RegisteredPlugin> plugins = new ArrayList<>(current.plugins);
        plugins.remove(plugin);
        Map<ExtensionKind, Map<String, Contribution>> byKind = current.copyByKind();
        byKind.values().forEach(m -> m.values().removeIf(c -> c.plugin() == plugin));
        snapshot = new Snapshot(plugins, byKind);
        return true;
    }

    /** The registered plugins, in registration order. */
    public List<RegisteredPlugin> plugins() {
        return snapshot.plugins;
    }

    /** Every contribution, by kind in {@link ExtensionKind} order, then by name. */
    public List<Contribution> contributions() {
        List<Contribution> out = new ArrayList<>();
        Snapshot s = snapshot;
        for (ExtensionKind kind : ExtensionKind.values()) {
            s.byKind.get(kind).values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(out::add);
        }
        return out;
    }

    /** The names registered for {@code kind}, sorted. */
    public List<String> names(ExtensionKind kind) {
        return List.copyOf(new TreeSet<>(snapshot.byKind.get(kind).keySet()));
    }

    /** The contribution of {@code kind} called {@code name}. */
    public Optional<Contribution> find(ExtensionKind kind, String name) {
        return Optional.ofNullable(snapshot.byKind.get(kind).get(name));
    }

    public Optional<EngineFactory> findEngine(String name) {
        return find(ExtensionKind.ENGINE, name).map(c -> (EngineFactory) c.factory());
    }

    public Optional<ModelFormat> findModelFormat(String name) {
        return find(ExtensionKind.MODEL_FORMAT, name).map(c -> (ModelFormat) c.factory());
    }

    /** @throws PluginException listing the available engines when none is called {@code name} */
    public EngineFactory engine(String name) {
        return (EngineFactory) require(ExtensionKind.ENGINE, name);
    }

    /** @throws PluginException listing the available algorithms when none is called {@code name} */
    public AlgorithmFactory algorithm(String name) {
        return (AlgorithmFactory) require(ExtensionKind.ALGORITHM, name);
    }

    /** @throws PluginException listing the available data loaders when none is called {@code name} */
    public DataLoaderFactory dataLoader(String name) {
        return (DataLoaderFactory) require(ExtensionKind.DATA_LOADER, name);
    }

    /** @throws PluginException listing the available model formats when none is called {@code name} */
    public ModelFormat modelFormat(String name) {
        return (ModelFormat) require(ExtensionKind.MODEL_FORMAT, name);
    }

    /** @throws PluginException listing the available metrics when none is called {@code name} */
    public MetricFactory metric(String name) {
        return (MetricFactory) require(ExtensionKind.METRIC, name);
    }

    /** The first model format, in name order, that recognises {@code file}. */
    public Optional<ModelFormat> findModelFormatFor(Path file) {
        for (String name : names(ExtensionKind.MODEL_FORMAT)) {
            Optional<ModelFormat> format = findModelFormat(name);
            if (format.isPresent() && format.get().recognizes(file)) {
                return format;
            }
        }
        return Optional.empty();
    }

    /**
     * The model format that recognises {@code file}.
     *
     * @throws PluginException naming the file and listing the formats with their extensions when none does
     */
    public ModelFormat modelFormatFor(Path file) {
        return findModelFormatFor(file).orElseThrow(() -> {
            List<String> known = new ArrayList<>();
            for (Contribution c : snapshot.byKind.get(ExtensionKind.MODEL_FORMAT).values()) {
                known.add(c.name() + " (." + String.join(", .", ((ModelFormat) c.factory()).extensions()) + ")");
            }
            Collections.sort(known);
            return new PluginException("no model format recognises " + file + " (available: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        });
    }

    /** The context handed to plugins: loggers and lookups of formats and engines, never the registry itself. */
    public PluginContext context() {
        return context;
    }

    private Object require(ExtensionKind kind, String name) {
        Contribution c = snapshot.byKind.get(kind).get(name);
        if (c == null) {
            List<String> names = names(kind);
            throw new PluginException("no " + kind.label() + " named '" + name + "' (available: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        return c.factory();
    }

    /** Validates {@code added} against the registry and among themselves, then publishes all of them at once. */
    private void commit(List<RegisteredPlugin> added) {
        Snapshot current = snapshot;
        Map<ExtensionKind, Map<String, Contribution>> byKind = current.copyByKind();
        for (RegisteredPlugin plugin : added) {
            if (current.plugins.stream().anyMatch(p -> p.plugin() == plugin.plugin())) {
                throw new PluginException(plugin + " is already registered");
            }
            for (ExtensionKind kind : ExtensionKind.values()) {
                for (Object factory : factories(plugin, kind)) {
                    String name = factoryName(plugin, kind, factory);
                    Contribution clash = byKind.get(kind).get(name);
                    if (clash != null) {
                        throw new PluginException(kind.label() + " name '" + name + "' is used twice: by plugin '"
                                + clash.plugin().name() + "' (from " + clash.source() + ") and by plugin '"
                                + plugin.name() + "' (from " + plugin.source() + ")");
                    }
                    byKind.get(kind).put(name, new Contribution(kind, name, factory, plugin));
                }
            }
        }
        List<RegisteredPlugin> plugins = new ArrayList<>(current.plugins);
        plugins.addAll(added);
        snapshot = new Snapshot(plugins, byKind);
    }

    private static List<?> factories(RegisteredPlugin plugin, ExtensionKind kind) {
        Pot4jPlugin p = plugin.plugin();
        Supplier<List<?>> list;
        switch (kind) {
            case ENGINE: list = p::engines; break;
            case ALGORITHM: list = p::algorithms; break;
            case DATA_LOADER: list = p::dataLoaders; break;
            case MODEL_FORMAT: list = p::modelFormats; break;
            default: list = p::metrics;
        }
        List<?> factories;
        try {
            factories = list.get();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException(plugin + " failed to list its " + kind.label() + "s: " + e, e);
        }
        if (factories == null) {
            return List.of();
        }
        for (Object f : factories) {
            if (f == null) {
                throw new PluginException(plugin + " contributes a null " + kind.label());
            }
        }
        return factories;
    }

    private static String factoryName(RegisteredPlugin plugin, ExtensionKind kind, Object factory) {
        String name;
        try {
            if (factory instanceof EngineFactory) {
                name = ((EngineFactory) factory).name();
            } else if (factory instanceof AlgorithmFactory) {
                name = ((AlgorithmFactory) factory).name();
            } else if (factory instanceof DataLoaderFactory) {
                name = ((DataLoaderFactory) factory).name();
            } else if (factory instanceof ModelFormat) {
                name = ((ModelFormat) factory).name();
            } else if (factory instanceof MetricFactory) {
                name = ((MetricFactory) factory).name();
            } else {
                throw new PluginException(plugin + " contributes a " + factory.getClass().getName() + " as "
                        + kind.label());
            }
        } catch (RuntimeException e) {
            if (e instanceof PluginException) {
                throw e;
            }
            throw new PluginException(plugin + ": the name of its " + kind.label() + " "
                    + factory.getClass().getName() + " cannot be read: " + e, e);
        }
        if (name == null || name.isBlank()) {
            throw new PluginException(plugin + " contributes " + article(kind) + " with a blank name ("
                    + factory.getClass().getName() + ")");
        }
        return name;
    }

    private static String article(ExtensionKind kind) {
        return (kind == ExtensionKind.ENGINE || kind == ExtensionKind.ALGORITHM ? "an " : "a ") + kind.label();
    }

    private static String nameOf(Pot4jPlugin plugin, String source) {
        String name;
        try {
            name = plugin.name();
        } catch (RuntimeException e) {
            throw new PluginException("the plugin " + plugin.getClass().getName() + " (from " + source
                    + ") cannot tell its name: " + e, e);
        }
        if (name == null || name.isBlank()) {
            throw new PluginException("the plugin " + plugin.getClass().getName() + " (from " + source
                    + ") has a blank name");
        }
        return name;
    }

    /** The jar or folder a class was loaded from, or its class loader when the JDK does not say. */
    static String sourceOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        if (url == null) {
            return "class loader " + type.getClassLoader();
        }
        try {
            return Paths.get(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return url.toString();
        }
    }

    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(List.of(), emptyByKind());

        final List<RegisteredPlugin> plugins;
        final Map<ExtensionKind, Map<String, Contribution>> byKind;

        Snapshot(List<RegisteredPlugin> plugins, Map<ExtensionKind, Map<String, Contribution>> byKind) {
            this.plugins = List.copyOf(plugins);
            Map<ExtensionKind, Map<String, Contribution>> frozen = new EnumMap<>(ExtensionKind.class);
            byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            this.byKind = Collections.unmodifiableMap(frozen);
        }

        static Map<ExtensionKind, Map<String, Contribution>> emptyByKind() {
            Map<ExtensionKind, Map<String, Contribution>> m = new EnumMap<>(ExtensionKind.class);
            for (ExtensionKind k : ExtensionKind.values()) {
                m.put(k, new LinkedHashMap<>());
            }
            return m;
        }

        Map<ExtensionKind, Map<String, Contribution>> copyByKind() {
            Map<ExtensionKind, Map<String, Contribution>> m = emptyByKind();
            byKind.forEach((k, v) -> m.get(k).putAll(v));
            return m;
        }

        boolean hasClass(Class<?> type) {
            return plugins.stream().anyMatch(p -> p.plugin().getClass() == type);
        }
    }
}
