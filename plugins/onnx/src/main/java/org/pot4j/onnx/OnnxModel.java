package org.pot4j.onnx;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.SerializedModel;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.quantization.QuantizerConstraints;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.quantization.OnnxQuantizationEditor;
import org.pot4j.onnx.view.OnnxGraphView;
import org.pot4j.onnx.view.OnnxViewBuilder;

/**
 * An ONNX model: the ModelProto as the native document (protobuf messages are immutable, so an edit replaces it
 * through {@link #setProto}), the bytes of externally stored tensors, and the neutral graph view built from it.
 */
public final class OnnxModel implements Model {
    /** The format name. */
    public static final String FORMAT = "onnx";
    /** ONNX models are deployed on ONNX Runtime, whose integer kernels need these (ORT_QDQ_FUSION.md §1). */
    private static final QuantizerConstraints QDQ_CONSTRAINTS = new QuantizerConstraints(false, true,
            "quantized for ONNX Runtime's integer kernels: activations per tensor, and the output of each quantized "
                    + "Conv quantized too (ONNX Runtime runs DequantizeLinear -> Conv -> QuantizeLinear as QLinearConv)");

    private final String name;
    private final Path file;
    private ModelProto proto;
    private final OnnxExternalData externalData;
    private OnnxGraphView view;

    /**
     * A model named {@code name} read from {@code file} (used in messages; may be a description such as
     * {@code "<memory>"}).
     */
    public OnnxModel(String name, Path file, ModelProto proto, OnnxExternalData externalData) {
        this.name = Objects.requireNonNull(name, "name");
        this.file = Objects.requireNonNull(file, "file");
        this.proto = Objects.requireNonNull(proto, "proto");
        this.externalData = Objects.requireNonNull(externalData, "externalData");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** The file the model was read from, for messages. */
    public Path file() {
        return file;
    }

    /** The native document. */
    public synchronized ModelProto proto() {
        return proto;
    }

    /** Replaces the native document (an edit); the graph view is rebuilt on next use. */
    public synchronized void setProto(ModelProto edited) {
        this.proto = Objects.requireNonNull(edited, "edited");
        this.view = null;
    }

    /** The bytes of tensors the document keeps in external files. */
    public OnnxExternalData externalData() {
        return externalData;
    }

    /** The neutral view with its mapping back to ONNX nodes. */
    public synchronized OnnxGraphView view() {
        if (view == null) {
            view = OnnxViewBuilder.build(file, proto, externalData);
        }
        return view;
    }

    @Override
    public Graph graph() {
        return view().graph();
    }

    /**
     * The document with every externally stored tensor moved into {@code raw_data}: a self-contained model for a
     * runtime that receives bytes (ONNX Runtime sessions made from memory cannot resolve external files).
     */
    public synchronized ModelProto selfContainedProto() {
        if (externalData.isEmpty()) {
            return proto;
        }
        GraphProto.Builder g = proto.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                g.setInitializer(i, t.toBuilder().clearExternalData().clearDataLocation()
                        .setRawData(externalData.bytesOf(t)).build());
            }
        }
        return proto.toBuilder().setGraph(g).build();
    }

    @Override
    public synchronized OnnxModel copy() {
        // messages and external bytes are immutable: sharing them is a deep copy for every edit made through setProto
        OnnxModel copy = new OnnxModel(name, file, proto, externalData);
        copy.view = view;
        return copy;
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        if (type == QuantizationEditor.class) {
            return Optional.of(type.cast(new OnnxQuantizationEditor(this)));
        }
        if (type == QuantizerConstraints.class) {
            return Optional.of(type.cast(QDQ_CONSTRAINTS));
        }
        if (type == SerializedModel.class) {
            return Optional.of(type.cast(OnnxSerializedModel.of(this)));
        }
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "OnnxModel[" + name + ", " + file + "]";
    }
}
