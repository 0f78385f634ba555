package org.pot4j.api.graph;

import java.util.Objects;

/**
 * An output port of a node: where a tensor is produced. Statistics are requested at, and keyed by, these.
 *
 * @param node the producing node's unique name
 * @param port the output port index, from 0
 */
public record PortRef(String node, int port) {
    public PortRef {
        Objects.requireNonNull(node, "node");
        if (port < 0) {
            throw new IllegalArgumentException("negative port " + port + " of node '" + node + "'");
        }
    }

    /** Output 0 of {@code node}. */
    public static PortRef of(String node) {
        return new PortRef(node, 0);
    }

    @Override
    public String toString() {
        return node + ":" + port;
    }
}
