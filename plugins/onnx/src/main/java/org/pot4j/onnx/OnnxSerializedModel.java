package org.pot4j.onnx;

import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.SerializedModel;

/**
 * An {@link OnnxModel} as ONNX Runtime (or any runtime reading ONNX) receives it, through the API's
 * {@link SerializedModel}: the self-contained ModelProto (external data inlined) of a snapshot of the model, a copy
 * with outputs for observed ports ({@link OnnxObservedOutputs}) and a copy with a symbolic batch
 * ({@link OnnxSymbolicBatch}).
 */
final class OnnxSerializedModel implements SerializedModel {
    private final OnnxModel snapshot;
    /** The view ports are looked up in: the model's own, also for its symbolic-batch copy (same names and ranks). */
    private final OnnxModel viewSource;
    private final String description;
    private byte[] bytes;

    private OnnxSerializedModel(OnnxModel snapshot, OnnxModel viewSource, String description) {
        this.snapshot = snapshot;
        this.viewSource = viewSource;
        this.description = description;
    }

    /** A snapshot of {@code model}: later edits of the model do not reach it. */
    static OnnxSerializedModel of(OnnxModel model) {
        OnnxModel snapshot = model.copy();
        return new OnnxSerializedModel(snapshot, snapshot, model.file().toString());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String format() {
        return OnnxModel.FORMAT;
    }

    @Override
    public synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = snapshot.selfContainedProto().toByteArray();
        }
        return bytes;
    }

    @Override
    public ObservedCopy withObservedPorts(Map<PortRef, Set<Reduction>> ports) {
        Graph view = viewSource.graph();
        return OnnxObservedOutputs.add(description, snapshot.selfContainedProto(), view, ports);
    }

    @Override
    public SerializedModel withSymbolicBatch() {
        return new OnnxSerializedModel(OnnxSymbolicBatch.of(snapshot), viewSource,
                description + " (its copy with a symbolic batch, OnnxSymbolicBatch)");
    }

    @Override
    public String toString() {
        return "OnnxSerializedModel[" + description + "]";
    }
}
