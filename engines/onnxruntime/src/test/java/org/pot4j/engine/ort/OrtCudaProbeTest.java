package org.pot4j.engine.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CUDA probe on file trees laid out like a machine's, and on this machine. */
class OrtCudaProbeTest {
    @TempDir
    Path root;

    private OrtCudaProbe probe(String ldLibraryPath) {
        return new OrtCudaProbe(root, ldLibraryPath, "Linux", "amd64", getClass().getClassLoader());
    }

    private void touch(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[0]);
    }

    @Test
    void aBareMachineMissesEverythingAndIsToldHowToInstallIt() {
        String m = probe(null).missingCuda().orElseThrow();
        assertTrue(m.contains("no NVIDIA driver (/proc/driver/nvidia/version"), m);
        assertTrue(m.contains("libcuda.so.1 is not on the library path"), m);
        assertTrue(m.contains("no CUDA 12 runtime (libcudart.so.12, libcublas.so.12, libcublasLt.so.12, libcurand.so.10"),
                m);
        assertTrue(m.contains("no cuDNN 9 (libcudnn.so.9"), m);
        assertTrue(m.contains("install the NVIDIA driver") && m.contains("LD_LIBRARY_PATH"), m);
    }

    @Test
    void aMachineWithDriverCuda12AndCudnn9InItsFoldersLacksNothing() throws IOException {
        touch("proc/driver/nvidia/version");
        touch("usr/lib/x86_64-linux-gnu/libcuda.so.1");
        // CUDA from ld.so.conf's include, cuDNN from LD_LIBRARY_PATH
        Files.createDirectories(root.resolve("etc/ld.so.conf.d"));
        Files.writeString(root.resolve("etc/ld.so.conf"), "include /etc/ld.so.conf.d/*.conf\n");
        Files.writeString(root.resolve("etc/ld.so.conf.d/cuda.conf"), "# CUDA 12\n/opt/cuda-12/lib64\n");
        for (String lib : OrtCudaProbe.CUDA_12_LIBRARIES) {
            touch("opt/cuda-12/lib64/" + lib);
        }
        touch("opt/cudnn/lib/libcudnn.so.9");
        assertFalse(probe(null).missingCuda().isEmpty(), "cuDNN is not found without LD_LIBRARY_PATH");
        assertEquals(Optional.empty(), probe("/nowhere:" + "/opt/cudnn/lib").missingCuda());
    }

    @Test
    void cuda13IsNamedAsTheWrongMajorVersion() throws IOException {
        touch("proc/driver/nvidia/version");
        touch("lib64/libcuda.so.1");
        touch("usr/local/cuda/lib64/libcudart.so.13");
        String m = probe(null).missingCuda().orElseThrow();
        assertTrue(m.contains("libcudart.so.13, but ONNX Runtime 1.29's Maven build needs CUDA 12"), m);
        assertFalse(m.contains("no NVIDIA driver") || m.contains("libcuda.so.1 is not"), m);
    }

    @Test
    void otherPlatformsAreNamed() {
        OrtCudaProbe mac = new OrtCudaProbe(root, null, "Mac OS X", "aarch64", getClass().getClassLoader());
        assertTrue(mac.missingCuda().orElseThrow().contains("Linux x86-64 and Windows x64 only, not mac os x/aarch64"));
        assertFalse(mac.runtimeHasCuda());
    }

    @Test
    void theCpuBuildOnThisClassPathHasNoCudaProviderButAJarWithItsLibraryDoes() throws IOException {
        assertFalse(probe(null).runtimeHasCuda(), "onnxruntime (CPU) ships no libonnxruntime_providers_cuda.so");
        touch("gpu-build/ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so");
        try (URLClassLoader gpu = new URLClassLoader(new URL[] {root.resolve("gpu-build").toUri().toURL()}, null)) {
            assertTrue(new OrtCudaProbe(root, null, "Linux", "amd64", gpu).runtimeHasCuda());
        }
    }

    @Test
    void thisMachineIsProbedWithoutLoadingNatives() {
        // no GPU on the build machines: the probe answers, whatever it finds, and loads nothing
        Optional<String> here = OrtCudaProbe.of(getClass().getClassLoader()).missingCuda();
        here.ifPresent(m -> assertTrue(m.contains("missing here"), m));
        List<Path> folders = OrtCudaProbe.of(getClass().getClassLoader()).libraryFolders();
        assertTrue(folders.contains(Path.of("/usr/lib/x86_64-linux-gnu")), folders.toString());
    }
}
