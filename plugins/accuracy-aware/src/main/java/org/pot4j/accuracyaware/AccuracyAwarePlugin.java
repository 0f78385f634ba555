package org.pot4j.accuracyaware;

import java.util.List;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: POT's AccuracyAwareQuantization. */
public final class AccuracyAwarePlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "accuracy-aware";
    }

    @Override
    public List<AlgorithmFactory> algorithms() {
        return List.of(new AccuracyAwareFactory());
    }
}
