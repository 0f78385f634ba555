package org.pot4j.core.graph;

import java.util.Objects;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;

/**
 * A model that is only a neutral graph, built in memory (with {@link org.pot4j.api.graph.GraphBuilder}) rather than
 * read from a file: algorithms use it for the small sub-models they run, such as FastBiasCorrection's
 * {@code Parameter -> op -> Result}. Engines that execute the neutral graph (the reference engine) run it; it has no
 * native document and cannot be saved.
 */
public final class GraphModel implements Model {
    /** The format name of in-memory graphs. */
    public static final String FORMAT = "graph";

    private final String name;
    private final Graph graph;

    public GraphModel(String name, Graph graph) {
        this.name = Objects.requireNonNull(name, "name");
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Graph graph() {
        return graph;
    }

    /** The graph is immutable, so the copy shares it. */
    @Override
    public GraphModel copy() {
        return new GraphModel(name, graph);
    }

    @Override
    public String toString() {
        return "GraphModel[" + name + ", " + graph.nodes().size() + " nodes]";
    }
}
