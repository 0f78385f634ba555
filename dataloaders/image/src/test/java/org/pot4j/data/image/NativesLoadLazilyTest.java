package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenCV's natives must load on the first decoded sample, not when the plugin is found or a loader is opened. Other
 * tests in this JVM have loaded them already, so this one runs the plugin in a fresh class loader (its own copy of
 * JavaCPP, whose {@code Loader.getLoadedLibraries()} lists what that copy loaded).
 */
class NativesLoadLazilyTest {
    @TempDir
    Path dir;

    @Test
    void discoveryAndOpeningLoadNoNatives() throws Exception {
        TestImages.write(dir.resolve("a.png"), "png", 4, 4, (y, x) -> 0x112233);
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL()); // a surefire manifest-only jar brings its Class-Path along
        }
        try (URLClassLoader fresh = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Method loadedLibraries = fresh.loadClass("org.bytedeco.javacpp.Loader").getMethod("getLoadedLibraries");

            Class<?> pluginClass = fresh.loadClass(ImageLoaderPlugin.class.getName());
            Object plugin = pluginClass.getConstructor().newInstance();
            List<?> factories = (List<?>) pluginClass.getMethod("dataLoaders").invoke(plugin);
            assertEquals(1, factories.size());
            Class<?> configClass = fresh.loadClass(ImageLoaderConfig.class.getName());
            Object config = configClass.getMethod("fromMap", Map.class).invoke(null, Map.of("data_source", dir.toString()));
            Class<?> loaderClass = fresh.loadClass(ImageDataLoader.class.getName());
            Object loader = loaderClass.getMethod("open", configClass).invoke(null, config);
            assertTrue(((Map<?, ?>) loadedLibraries.invoke(null)).isEmpty(), "natives loaded before any sample was decoded");

            loaderClass.getMethod("get", int.class).invoke(loader, 0);
            Map<?, ?> loaded = (Map<?, ?>) loadedLibraries.invoke(null);
            assertTrue(loaded.keySet().stream().anyMatch(k -> k.toString().contains("opencv_imgcodecs")),
                    "decoding should have loaded OpenCV, loaded: " + loaded.keySet());
        }
    }
}
