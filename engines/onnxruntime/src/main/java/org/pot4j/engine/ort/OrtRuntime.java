package org.pot4j.engine.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;
import org.pot4j.api.error.EngineException;

/**
 * ONNX Runtime's process-wide environment, created on first use: this is where the native libraries (shipped inside
 * the onnxruntime jar) are extracted and loaded, never when the plugin or factory is constructed.
 */
final class OrtRuntime {
    private static OrtEnvironment environment;

    private OrtRuntime() {
    }

    /** The environment, loading the natives on the first call. */
    static synchronized OrtEnvironment environment() {
        if (environment == null) {
            try {
                // errors only: ONNX Runtime's default level logs a line per initializer listed among old models' inputs
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "pot4j");
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                throw new EngineException("cannot load ONNX Runtime's native library for " + System.getProperty("os.name")
                        + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
            }
        }
        return environment;
    }

    /** The execution providers of the ONNX Runtime build on the class path. */
    static EnumSet<OrtProvider> providers() {
        environment();
        return OrtEnvironment.getAvailableProviders();
    }

    /** An EngineException for an ONNX Runtime failure about {@code what}. */
    static EngineException failure(String what, OrtException e) {
        return new EngineException(what + ": ONNX Runtime: " + e.getMessage(), e);
    }
}
