package org.pot4j.engine.reference.loops;

/**
 * Chooses the loops like the matrix multiply is chosen: the Vector API ones when {@code jdk.incubator.vector} is in
 * the boot layer and allowed, the plain-Java ones otherwise.
 */
public final class FloatLoopsSelector {
    private FloatLoopsSelector() {
    }

    /** The best loops allowed by {@code allowVector} and {@code -Dpot4j.reference.scalar=true}. */
    public static FloatLoops select(boolean allowVector) {
        if (allowVector && !Boolean.getBoolean("pot4j.reference.scalar")) {
            FloatLoops v = vector();
            if (v != null) {
                return v;
            }
        }
        return scalar();
    }

    public static FloatLoops scalar() {
        return new ScalarFloatLoops();
    }

    /** The Vector API loops, or null when the module is absent. */
    public static FloatLoops vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            // by name, so the class (and the incubator module) is only linked when present
            Class<?> c = Class.forName("org.pot4j.engine.reference.loops.VectorFloatLoops");
            return (FloatLoops) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
