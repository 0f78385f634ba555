package org.pot4j.engine.ort;

import java.util.Optional;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.SerializedModel;

/**
 * Test double: an ONNX model as a plugin in another class loader shows it to the engine: not an {@code OnnxModel},
 * only the API's {@link Model} with its graph view and, when {@code serialized} is given, a {@link SerializedModel}.
 */
final class SerializedOnlyModel implements Model {
    private final String name;
    private final Graph graph;
    private final SerializedModel serialized;

    SerializedOnlyModel(String name, Graph graph, SerializedModel serialized) {
        this.name = name;
        this.graph = graph;
        this.serialized = serialized;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String format() {
        return "onnx";
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public Model copy() {
        return this;
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return type == SerializedModel.class && serialized != null ? Optional.of(type.cast(serialized))
                : Optional.empty();
    }
}
