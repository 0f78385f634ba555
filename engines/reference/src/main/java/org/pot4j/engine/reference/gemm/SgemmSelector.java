package org.pot4j.engine.reference.gemm;

/**
 * Chooses the matrix multiply: the Vector API kernel when {@code jdk.incubator.vector} is in the boot layer (the
 * JVM was started with {@code --add-modules jdk.incubator.vector}) and not switched off, the plain-Java one otherwise.
 */
public final class SgemmSelector {
    /** System property that forces the plain-Java kernels ({@code -Dpot4j.reference.scalar=true}). */
    public static final String FORCE_SCALAR_PROPERTY = "pot4j.reference.scalar";

    private SgemmSelector() {
    }

    /** True when the Vector API module is present in this JVM. */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The best kernel allowed by {@code allowVector} and the system property. */
    public static Sgemm select(boolean allowVector) {
        if (allowVector && vectorApiAvailable() && !Boolean.getBoolean(FORCE_SCALAR_PROPERTY)) {
            Sgemm vector = vector();
            if (vector != null) {
                return vector;
            }
        }
        return scalar();
    }

    /** The plain-Java kernel. */
    public static Sgemm scalar() {
        return new BlockedSgemm(new ScalarMicroKernel());
    }

    /** The Vector API kernel, or null when the module is absent. */
    public static Sgemm vector() {
        if (!vectorApiAvailable()) {
            return null;
        }
        try {
            // by name, so the class (and the incubator module) is only linked when present
            Class<?> c = Class.forName("org.pot4j.engine.reference.gemm.VectorMicroKernel");
            return new BlockedSgemm((MicroKernel) c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
