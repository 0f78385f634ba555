package org.pot4j.api.engine.cascade;

import org.pot4j.api.graph.PortRef;

/**
 * How statistics requests, results and port observers address the ports of a cascade's stages: the node name is
 * prefixed with the stage name and {@value #SEPARATOR}, so output 0 of node {@code conv1} in stage {@code pnet} is
 * {@code PortRef("pnet/conv1", 0)}. Stage names may not contain the separator (node names may), so the stage is
 * everything before the first one.
 */
public final class CascadePorts {
    /** Between the stage name and the node name. */
    public static final String SEPARATOR = "/";

    private CascadePorts() {
    }

    /**
     * Checks a stage name: not blank and without {@value #SEPARATOR}.
     *
     * @param stage the stage name
     * @return {@code stage}, unchanged
     * @throws IllegalArgumentException naming the stage
     */
    public static String checkStageName(String stage) {
        if (stage == null || stage.isBlank()) {
            throw new IllegalArgumentException("a cascade stage needs a non-blank name");
        }
        if (stage.contains(SEPARATOR)) {
            throw new IllegalArgumentException("cascade stage name '" + stage + "' contains '" + SEPARATOR
                    + "', which separates stage and node in statistics ports");
        }
        return stage;
    }

    /**
     * Addresses a stage's port at the cascade level.
     *
     * @param stage the stage name, checked with {@link #checkStageName}
     * @param local the port in the stage's own graph
     * @return the port with node {@code <stage>/<node>}
     * @throws IllegalArgumentException when the stage name is blank or contains the separator
     */
    public static PortRef qualify(String stage, PortRef local) {
        return new PortRef(checkStageName(stage) + SEPARATOR + local.node(), local.port());
    }

    /**
     * Tells cascade-level ports from ports of a single graph.
     *
     * @param port any port
     * @return true when its node name has a non-empty stage before the separator
     */
    public static boolean isQualified(PortRef port) {
        return port.node().indexOf(SEPARATOR) > 0;
    }

    /**
     * The stage a cascade-level port belongs to.
     *
     * @param qualified a cascade-level port, as {@link #qualify} makes
     * @return the stage name: the node name up to the first separator
     * @throws IllegalArgumentException when the port names no stage
     */
    public static String stage(PortRef qualified) {
        int i = qualified.node().indexOf(SEPARATOR);
        if (i <= 0) {
            throw new IllegalArgumentException("port " + qualified + " names no cascade stage (expected <stage>"
                    + SEPARATOR + "<node>)");
        }
        return qualified.node().substring(0, i);
    }

    /**
     * The port inside its stage's own graph.
     *
     * @param qualified a cascade-level port, as {@link #qualify} makes
     * @return the port with the stage prefix removed from its node name
     * @throws IllegalArgumentException when the port names no stage
     */
    public static PortRef local(PortRef qualified) {
        String stage = stage(qualified);
        return new PortRef(qualified.node().substring(stage.length() + SEPARATOR.length()), qualified.port());
    }
}
