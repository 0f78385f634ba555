package org.pot4j.api.quantization;

import java.util.List;
import java.util.Objects;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * A FakeQuantize to insert (OpenVINO FakeQuantize-1 semantics): the tensor produced at {@code source} is quantized
 * to {@code levels} levels between {@code inputLow} and {@code inputHigh}, mapped onto {@code outputLow..outputHigh},
 * for the given consumers only. Range tensors are f32, scalars or broadcastable to the source shape
 * ({@code [C,1,1,1]} for per-channel weights, {@code [1,C,1,1]} for per-channel activations).
 *
 * @param name      the name of the new node
 * @param weights   true when the source is a weight constant
 * @param source    the producer output port quantized
 * @param consumers the input ports that read the quantized tensor (all fed by {@code source})
 * @param levels    the number of levels (2..2^32)
 * @param inputLow  {@code input_low}
 * @param inputHigh {@code input_high}
 * @param outputLow {@code output_low}
 * @param outputHigh {@code output_high}
 */
public record FakeQuantizeSpec(String name, boolean weights, PortRef source, List<InputRef> consumers, long levels,
                               Tensor inputLow, Tensor inputHigh, Tensor outputLow, Tensor outputHigh) {
    /**
     * Checks the components and copies the consumer list.
     *
     * @param name       the new node's name, not null
     * @param weights    whether the source is a weight constant
     * @param source     the quantized port, not null
     * @param consumers  the readers of the quantized tensor, at least one; copied
     * @param levels     the number of levels, at least 2
     * @param inputLow   {@code input_low}, not null
     * @param inputHigh  {@code input_high}, not null
     * @param outputLow  {@code output_low}, not null
     * @param outputHigh {@code output_high}, not null
     * @throws IllegalArgumentException when there is no consumer or fewer than 2 levels
     */
    public FakeQuantizeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        consumers = List.copyOf(consumers);
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("FakeQuantize '" + name + "' has no consumers");
        }
        if (levels < 2) {
            throw new IllegalArgumentException("FakeQuantize '" + name + "' needs at least 2 levels, got " + levels);
        }
        Objects.requireNonNull(inputLow, "inputLow");
        Objects.requireNonNull(inputHigh, "inputHigh");
        Objects.requireNonNull(outputLow, "outputLow");
        Objects.requireNonNull(outputHigh, "outputHigh");
    }
}
