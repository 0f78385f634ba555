package com.example.pot4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.core.graph.GraphModel;
import org.pot4j.testkit.TestPluginContext;

/** A small CSV data set and a model for it: {@code x [1,4] -> ReLU -> Result}. */
final class ExampleFixtures {
    private ExampleFixtures() {
    }

    static Path csv(Path dir) {
        try {
            return Files.writeString(dir.resolve("samples.csv"), """
                    1,-2,3,-4,0
                    0.5,0.25,-1,2,1
                    -3,4,5,-6,2
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataLoader loader(Path dir) {
        return new CsvDataLoaderFactory().create(Map.of("file", csv(dir).toString(), "shape", List.of(4),
                "label_column", 4), new TestPluginContext());
    }

    static Model model() {
        GraphBuilder b = new GraphBuilder();
        b.add("x", OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                List.of(new OutputPort(0, Shape.of(1, 4), ElementType.F32, List.of("x"))));
        b.add("relu", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("x")),
                List.of(new OutputPort(0, Shape.of(1, 4), ElementType.F32, List.of("y"))));
        b.add("y", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("relu")), List.of());
        return new GraphModel("relu", b.build());
    }
}
