package org.pot4j.engine.ort;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tells, without loading any native library, whether ONNX Runtime 1.29's CUDA execution provider can run here, and
 * if not what is missing and how to install it.
 *
 * <p>What it looks for (Linux x86-64, the only platform besides Windows x64 the {@code onnxruntime_gpu} jar ships
 * CUDA natives for): the ONNX Runtime classes' own {@code libonnxruntime_providers_cuda.so} (only the GPU build has
 * it); the NVIDIA kernel driver ({@code /proc/driver/nvidia/version}); the driver's {@code libcuda.so.1}; the CUDA 12
 * libraries that provider library names as {@code NEEDED} ({@code libcudart.so.12}, {@code libcublas.so.12},
 * {@code libcublasLt.so.12}, {@code libcurand.so.10}); and cuDNN 9 ({@code libcudnn.so.9}), which ONNX Runtime's
 * requirements list for CUDA 12 builds. Libraries are looked up where the dynamic loader looks: the folders of
 * {@code LD_LIBRARY_PATH}, those {@code /etc/ld.so.conf} lists (with its includes) and the system's default folders.
 */
public final class OrtCudaProbe {
    /** The ONNX Runtime version whose requirements this probe checks. */
    public static final String ORT_VERSION = "1.29";
    /** The CUDA 12 runtime libraries the CUDA provider library needs, as its ELF header names them. */
    static final List<String> CUDA_12_LIBRARIES = List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12",
            "libcurand.so.10");
    /** cuDNN 9, which ONNX Runtime's CUDA 12 builds need. */
    static final String CUDNN_9 = "libcudnn.so.9";
    /** The driver's user-space library. */
    static final String LIBCUDA = "libcuda.so.1";
    private static final List<String> DEFAULT_FOLDERS = List.of("lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu",
            "lib64", "usr/lib64", "lib", "usr/lib", "usr/local/cuda/lib64", "usr/local/cuda/lib");
    private static final String HOW_TO_INSTALL = "install the NVIDIA driver (nvidia-smi must list the GPU), the CUDA 12"
            + " runtime libraries (cudart, cuBLAS, cuRAND; e.g. the CUDA 12.x toolkit) and cuDNN 9 for CUDA 12, and"
            + " put their lib folders on LD_LIBRARY_PATH or in /etc/ld.so.conf.d (then run ldconfig)";

    private final Path root;
    private final String libraryPath;
    private final String os;
    private final String arch;
    private final ClassLoader runtime;

    /**
     * A probe of a file system and environment.
     *
     * @param root        the file system root ({@code /}; a test gives a folder laid out like one)
     * @param libraryPath the value of {@code LD_LIBRARY_PATH}, or null
     * @param os          {@code os.name}
     * @param arch        {@code os.arch}
     * @param runtime     the class loader whose ONNX Runtime would run (its natives are resources of that jar)
     */
    public OrtCudaProbe(Path root, String libraryPath, String os, String arch, ClassLoader runtime) {
        this.root = root;
        this.libraryPath = libraryPath == null ? "" : libraryPath;
        this.os = os.toLowerCase(Locale.ROOT);
        this.arch = arch.toLowerCase(Locale.ROOT);
        this.runtime = runtime;
    }

    /** A probe of this machine, for the ONNX Runtime {@code runtime} loads. */
    public static OrtCudaProbe of(ClassLoader runtime) {
        return new OrtCudaProbe(Path.of("/"), System.getenv("LD_LIBRARY_PATH"), System.getProperty("os.name"),
                System.getProperty("os.arch"), runtime);
    }

    /**
     * Whether the ONNX Runtime visible to the probe's class loader is the GPU build: it carries the CUDA provider
     * library for this platform.
     */
    public boolean runtimeHasCuda() {
        String folder = nativeFolder();
        String library = os.startsWith("windows") ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
        return folder != null && runtime.getResource("ai/onnxruntime/native/" + folder + "/" + library) != null;
    }

    /**
     * What the machine lacks for the CUDA provider, apart from the ONNX Runtime build.
     *
     * @return empty when the driver and every library are found; otherwise each missing part and how to install it
     */
    public Optional<String> missingCuda() {
        if (os.startsWith("windows") && nativeFolder() != null) {
            return Optional.empty(); // no cheap check on Windows: the provider reports what it misses when it starts
        }
        if (nativeFolder() == null || !os.startsWith("linux")) {
            return Optional.of("ONNX Runtime " + ORT_VERSION + "'s CUDA execution provider is built for Linux x86-64"
                    + " and Windows x64 only, not " + os + "/" + arch);
        }
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(root.resolve("proc/driver/nvidia/version"))) {
            missing.add("no NVIDIA driver (/proc/driver/nvidia/version does not exist: no NVIDIA GPU, or its kernel"
                    + " driver is not loaded)");
        }
        List<Path> folders = libraryFolders();
        if (find(LIBCUDA, folders).isEmpty()) {
            missing.add("the driver's " + LIBCUDA + " is not on the library path");
        }
        List<String> cuda = new ArrayList<>();
        for (String lib : CUDA_12_LIBRARIES) {
            if (find(lib, folders).isEmpty()) {
                cuda.add(lib);
            }
        }
        if (!cuda.isEmpty()) {
            String other = find("libcudart.so.13", folders).map(p -> "; found " + p + ", but ONNX Runtime "
                    + ORT_VERSION + "'s Maven build needs CUDA 12").orElse("");
            missing.add("no CUDA 12 runtime (" + String.join(", ", cuda) + " not found" + other + ")");
        }
        if (find(CUDNN_9, folders).isEmpty()) {
            missing.add("no cuDNN 9 (" + CUDNN_9 + " not found)");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("ONNX Runtime " + ORT_VERSION + "'s CUDA execution provider needs an NVIDIA GPU with its"
                + " driver, CUDA 12.x and cuDNN 9.x; missing here: " + String.join("; ", missing)
                + " (looked in " + folders.size() + " library folders: LD_LIBRARY_PATH, /etc/ld.so.conf and the"
                + " system's). To use the GPU, " + HOW_TO_INSTALL);
    }

    /** The native folder name the onnxruntime jars use for this platform, or null when they ship none with CUDA. */
    private String nativeFolder() {
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (!x64) {
            return null;
        }
        if (os.startsWith("linux")) {
            return "linux-x64";
        }
        return os.startsWith("windows") ? "win-x64" : null;
    }

    private Optional<Path> find(String library, List<Path> folders) {
        for (Path folder : folders) {
            Path candidate = folder.resolve(library);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** LD_LIBRARY_PATH's folders, then ld.so.conf's, then the defaults; each under the probe's root. */
    List<Path> libraryFolders() {
        Set<Path> folders = new LinkedHashSet<>();
        for (String entry : libraryPath.split(":")) {
            if (!entry.isBlank()) {
                folders.add(under(entry.trim()));
            }
        }
        readConf(root.resolve("etc/ld.so.conf"), folders, 0);
        for (String folder : DEFAULT_FOLDERS) {
            folders.add(root.resolve(folder));
        }
        return new ArrayList<>(folders);
    }

    private void readConf(Path conf, Set<Path> folders, int depth) {
        if (depth > 4 || !Files.isRegularFile(conf)) {
            return;
        }
        List<String> lines;
        try (Stream<String> s = Files.lines(conf)) {
            lines = s.toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return; // an unreadable configuration hides its folders, as it would from the loader's cache
        }
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ")) {
                includes(line.substring("include ".length()).trim(), folders, depth);
            } else {
                folders.add(under(line));
            }
        }
    }

    private void includes(String pattern, Set<Path> folders, int depth) {
        Path glob = under(pattern);
        Path dir = glob.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> confs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob.getFileName().toString())) {
            files.forEach(confs::add);
        } catch (IOException e) {
            return;
        }
        confs.sort(null);
        for (Path c : confs) {
            readConf(c, folders, depth + 1);
        }
    }

    private Path under(String absolute) {
        String relative = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        return root.resolve(relative);
    }
}
