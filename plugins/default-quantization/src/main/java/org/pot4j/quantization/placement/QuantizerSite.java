package org.pot4j.quantization.placement;

import java.util.List;
import java.util.Objects;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.PortRef;

/**
 * Where one FakeQuantize goes: on the tensor produced at {@code source}, in front of {@code consumers}.
 *
 * @param name      POT's name for it ({@code <op>/fq_input_<port>} or {@code <op>/fq_weights_<port>})
 * @param group     weights or activations
 * @param source    the producer output port it quantizes (statistics are collected here)
 * @param consumers the input ports it feeds, all fed by {@code source} in the original graph
 */
public record QuantizerSite(String name, QuantizerGroup group, PortRef source, List<InputRef> consumers) {
    public QuantizerSite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(source, "source");
        consumers = List.copyOf(consumers);
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("quantizer '" + name + "' feeds nothing");
        }
    }
}
