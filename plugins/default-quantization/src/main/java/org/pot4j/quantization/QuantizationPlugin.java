package org.pot4j.quantization;

import java.util.List;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: POT's DefaultQuantization. */
public final class QuantizationPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "default-quantization";
    }

    @Override
    public List<AlgorithmFactory> algorithms() {
        return List.of(new DefaultQuantizationFactory());
    }
}
