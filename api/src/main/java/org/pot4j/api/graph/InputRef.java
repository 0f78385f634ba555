package org.pot4j.api.graph;

import java.util.Objects;

/**
 * An input port of a node: where a tensor is consumed.
 *
 * @param node the consuming node's unique name
 * @param port the input port index, from 0
 */
public record InputRef(String node, int port) {
    /**
     * Checks the components.
     *
     * @param node the consuming node's name, not null
     * @param port the input port index, not negative
     * @throws IllegalArgumentException when {@code port} is negative
     */
    public InputRef {
        Objects.requireNonNull(node, "node");
        if (port < 0) {
            throw new IllegalArgumentException("negative port " + port + " of node '" + node + "'");
        }
    }

    @Override
    public String toString() {
        return node + ".in" + port;
    }
}
