package org.pot4j.api.graph;

import java.util.Objects;

/**
 * An output port of a node: where a tensor is produced. Statistics are requested at, and keyed by, these.
 *
 * @param node the producing node's unique name
 * @param port the output port index, from 0
 */
public record PortRef(String node, int port) {
    /**
     * Checks the components.
     *
     * @param node the producing node's name, not null
     * @param port the output port index, not negative
     * @throws IllegalArgumentException when {@code port} is negative
     */
    public PortRef {
        Objects.requireNonNull(node, "node");
        if (port < 0) {
            throw new IllegalArgumentException("negative port " + port + " of node '" + node + "'");
        }
    }

    /**
     * The first output of a node, the only one of most.
     *
     * @param node the producing node's name
     * @return output 0 of {@code node}
     */
    public static PortRef of(String node) {
        return new PortRef(node, 0);
    }

    @Override
    public String toString() {
        return node + ":" + port;
    }
}
