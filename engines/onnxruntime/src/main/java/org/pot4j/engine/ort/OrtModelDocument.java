package org.pot4j.engine.ort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * The ONNX document of a model as ONNX Runtime receives it: the self-contained ModelProto from the ONNX plugin's
 * {@link OnnxModel}, or, when the model's class is not visible here (another class loader), the bytes the host's
 * "onnx" format writes.
 */
final class OrtModelDocument {
    private final String description;
    private final ModelProto proto;
    private final byte[] bytes;

    private OrtModelDocument(String description, ModelProto proto, byte[] bytes) {
        this.description = description;
        this.proto = proto;
        this.bytes = bytes;
    }

    /** The document of {@code model}, which must be an ONNX model. */
    static OrtModelDocument of(Model model, PluginContext context) {
        if (!"onnx".equals(model.format())) {
            throw new EngineException("model '" + model.name() + "' is in format '" + model.format()
                    + "'; the onnxruntime engine runs ONNX models only");
        }
        Optional<OnnxModel> onnx;
        try {
            onnx = model.extension(OnnxModel.class);
        } catch (LinkageError e) {
            onnx = Optional.empty();
        }
        if (onnx.isPresent()) {
            ModelProto p = onnx.get().selfContainedProto();
            return new OrtModelDocument(onnx.get().file().toString(), p, p.toByteArray());
        }
        ModelFormat format = context.modelFormat("onnx").orElseThrow(() -> new EngineException(
                "model '" + model.name() + "': no 'onnx' model format is installed to serialise it"));
        try {
            Path dir = Files.createTempDirectory("pot4j-ort");
            try {
                List<Path> files = format.write(model, dir, "model");
                // external data files would not be found from memory; this path is for self-contained models
                return new OrtModelDocument(model.name(), null, Files.readAllBytes(files.get(0)));
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

    /** The ModelProto as loaded (parsed from the bytes when the ONNX plugin's model was not visible). */
    ModelProto proto() {
        if (proto != null) {
            return proto;
        }
        try {
            return ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new EngineException(description + ": not an ONNX model: " + e.getMessage(), e);
        }
    }

    /** The model's bytes with {@code tensors} added as graph outputs (those that are not outputs already). */
    byte[] withExtraOutputs(Collection<String> tensors) {
        if (proto == null) {
            throw new EngineException(description + ": statistics need the ONNX plugin's classes on the engine's class path");
        }
        GraphProto.Builder g = proto.getGraph().toBuilder();
        Set<String> outputs = new HashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (String t : tensors) {
            if (outputs.add(t)) {
                // a name-only output: ONNX Runtime infers its type and shape, as its own calibrators rely on
                g.addOutput(ValueInfoProto.newBuilder().setName(t));
            }
        }
        return proto.toBuilder().setGraph(g).build().toByteArray();
    }
}
