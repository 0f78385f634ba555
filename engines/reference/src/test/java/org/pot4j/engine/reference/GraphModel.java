package org.pot4j.engine.reference;

import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;

/** A model that is just a hand-built graph. */
record GraphModel(String name, Graph graph) implements Model {
    @Override
    public String format() {
        return "test-graph";
    }

    @Override
    public Model copy() {
        return this;
    }
}
