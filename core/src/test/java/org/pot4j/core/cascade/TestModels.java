package org.pot4j.core.cascade;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;

/** Small models and a plugin context for the cascade engine tests. */
final class TestModels {
    private TestModels() {
    }

    /** {@code x [batch, 2] -> double (Multiply) -> y}; batch -1 for a dynamic batch. */
    static Model doubler(String name, long batch) {
        Shape shape = Shape.of(batch, 2);
        Graph g = new GraphBuilder()
                .add("x", OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                        List.of(new OutputPort(0, shape, ElementType.F32, List.of("x"))))
                .add("double", OpKinds.MULTIPLY, Attributes.EMPTY, List.of(PortRef.of("x")),
                        List.of(new OutputPort(0, shape, ElementType.F32, List.of("y"))))
                .add("y/sink_port_0", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("double")), List.of())
                .build();
        return new SimpleModel(name, g, List.of());
    }

    static Model cascade(String name, Model... stages) {
        return new SimpleModel(name, new GraphBuilder().build(), List.of(stages));
    }

    record SimpleModel(String name, Graph graph, List<Model> subModels) implements Model {
        @Override
        public String format() {
            return "test";
        }

        @Override
        public Model copy() {
            return this;
        }
    }

    /** A context that knows one engine factory. */
    static PluginContext context(EngineFactory engine) {
        return new PluginContext() {
            @Override
            public System.Logger logger(String name) {
                return System.getLogger(name);
            }

            @Override
            public Optional<ModelFormat> modelFormat(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<ModelFormat> modelFormatFor(Path file) {
                return Optional.empty();
            }

            @Override
            public Optional<EngineFactory> engine(String name) {
                return engine.name().equals(name) ? Optional.of(engine) : Optional.empty();
            }

            @Override
            public Optional<EngineFactory> defaultEngine() {
                return Optional.empty();
            }
        };
    }
}
