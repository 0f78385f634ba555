package org.pot4j.engine.ort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.SerializedModel;
import org.pot4j.api.model.SerializedModel.ObservedCopy;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.engine.ort.proto.OnnxSubset;

/**
 * The ONNX document of a model as ONNX Runtime receives it: the model's {@link SerializedModel} (an API type, so the
 * format plugin's classes may live in another class loader), or, for an ONNX model that does not offer one, the
 * bytes the host's "onnx" format writes (inference only: no observed ports, no symbolic batch).
 */
final class OrtModelDocument {
    private final String description;
    private final byte[] bytes;
    private final Optional<SerializedModel> serialized;
    /** The symbolic-batch copy, made on the first batch the model's fixed batch does not take. */
    private SerializedModel anyBatch;

    private OrtModelDocument(String description, byte[] bytes, Optional<SerializedModel> serialized) {
        this.description = description;
        this.bytes = bytes;
        this.serialized = serialized;
    }

    /** The document of {@code model}, which must be an ONNX model. */
    static OrtModelDocument of(Model model, PluginContext context) {
        requireOnnx(model);
        Optional<SerializedModel> serialized = model.extension(SerializedModel.class);
        if (serialized.isPresent()) {
            SerializedModel s = serialized.get();
            if (!"onnx".equals(s.format())) {
                throw new EngineException(s.description() + ": model '" + model.name() + "' serialises itself as '"
                        + s.format() + "', not as an ONNX document");
            }
            return new OrtModelDocument(s.description(), s.bytes(), serialized);
        }
        return new OrtModelDocument(model.name(), written(model, context), Optional.empty());
    }

    /** Refuses models of other formats than ONNX. */
    static void requireOnnx(Model model) {
        if (!"onnx".equals(model.format())) {
            throw new EngineException("model '" + model.name() + "' is in format '" + model.format()
                    + "'; the onnxruntime engine runs ONNX models only");
        }
    }

    /** The model as the host's "onnx" format writes it (self-contained models only: external files are not read). */
    private static byte[] written(Model model, PluginContext context) {
        ModelFormat format = context.modelFormat("onnx").orElseThrow(() -> new EngineException(
                "model '" + model.name() + "' offers no SerializedModel and no 'onnx' model format is installed to "
                        + "serialise it"));
        try {
            Path dir = Files.createTempDirectory("pot4j-ort");
            try {
                List<Path> files = format.write(model, dir, "model");
                return Files.readAllBytes(files.get(0));
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new EngineException("model '" + model.name() + "': cannot serialise it for ONNX Runtime: "
                    + e.getMessage(), e);
        }
    }

    /** What the model is called in messages: its file where known. */
    String description() {
        return description;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The main graph as loaded, read with the engine's own subset of ONNX's protobuf description. */
    OnnxSubset.GraphProto graph() {
        try {
            return OnnxSubset.ModelProto.parseFrom(bytes).getGraph();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new EngineException(description + ": not an ONNX model: " + e.getMessage(), e);
        }
    }

    /**
     * The document with outputs for {@code ports}, each whole or with the reductions wanted there; its symbolic-batch
     * copy's when {@code otherBatch} says which input needs it (null: the document itself).
     */
    ObservedCopy observed(Map<PortRef, Set<Reduction>> ports, String otherBatch) {
        SerializedModel source = otherBatch != null ? anyBatch(otherBatch)
                : serialized.orElseThrow(() -> new EngineException(description + ": observing ports needs the model's "
                        + "SerializedModel extension (the onnx format plugin's models offer it), which this model does "
                        + "not offer"));
        try {
            return source.withObservedPorts(ports);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new EngineException(e.getMessage() + "; the onnxruntime engine observes ports through such outputs",
                    e);
        }
    }

    /**
     * The model's copy with a symbolic batch, made once.
     *
     * @param why which input is given another batch, for the message when there is no copy
     */
    SerializedModel anyBatch(String why) {
        if (anyBatch == null) {
            SerializedModel s = serialized.orElseThrow(() -> new EngineException(description + ": " + why + ", and a "
                    + "copy with a symbolic batch needs the model's SerializedModel extension (the onnx format "
                    + "plugin's models offer it), which this model does not offer; export the model with a dynamic "
                    + "batch axis"));
            try {
                anyBatch = s.withSymbolicBatch();
            } catch (UnsupportedOperationException e) {
                throw new EngineException(description + ": " + why + ", and " + e.getMessage() + "; export the model "
                        + "with a dynamic batch axis", e);
            }
        }
        return anyBatch;
    }
}
