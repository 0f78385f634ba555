package org.pot4j;

import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.metric.Metric;
import org.pot4j.core.inference.InferenceLoop;

/**
 * What POT calls an engine ({@code IEEngine(config, data_loader, metric)}): an inference engine together with the
 * data loader and the optional metric it runs on. A pipeline created with it collects statistics and evaluates
 * through it.
 *
 * <p>Close it when done: it owns the engine (native sessions of ONNX Runtime, for example).
 */
public final class PotEngine implements AutoCloseable {
    private final InferenceLoop loop;

    PotEngine(InferenceLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * The engine that runs the model.
     *
     * @return the engine
     */
    public Engine engine() {
        return loop.engine();
    }

    /**
     * The samples the engine runs on.
     *
     * @return the data loader
     */
    public DataLoader dataLoader() {
        return loop.dataLoader();
    }

    /**
     * The metric evaluations compute, when one was given.
     *
     * @return the metric, or empty
     */
    public Optional<Metric> metric() {
        return loop.metric();
    }

    /**
     * The inference loop passes run through (core's {@code InferenceLoop}), for hosts that build their own
     * {@code Pipeline}.
     *
     * @return the loop
     */
    public InferenceLoop loop() {
        return loop;
    }

    /** Closes the engine. */
    @Override
    public void close() {
        loop.engine().close();
    }

    @Override
    public String toString() {
        return "PotEngine[" + loop.engine().name() + " on " + loop.dataLoader().description() + "]";
    }
}
