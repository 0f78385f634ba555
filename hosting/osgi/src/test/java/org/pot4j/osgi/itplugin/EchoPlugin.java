package org.pot4j.osgi.itplugin;

import java.util.List;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

/** Contributes one algorithm, {@code "Echo"}, that returns the model unchanged. */
public final class EchoPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public List<AlgorithmFactory> algorithms() {
        return List.of(new EchoFactory());
    }

    private static final class EchoFactory implements AlgorithmFactory {
        @Override
        public String name() {
            return "Echo";
        }

        @Override
        public Algorithm create(AlgorithmSettings settings, PluginContext context) {
            return new Algorithm() {
                @Override
                public String name() {
                    return "Echo";
                }

                @Override
                public Model run(Model model, Engine engine, CollectedStatistics statistics) {
                    return model;
                }
            };
        }
    }
}
