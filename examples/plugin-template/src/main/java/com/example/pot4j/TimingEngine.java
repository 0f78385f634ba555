package com.example.pot4j;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * An engine that runs models in another engine (found through the plugin context) and measures every inference:
 * the shape of a custom engine that adds behaviour around an existing one. It shows its timings per model, through the
 * plugin context's logger {@code timing} (INFO), when another model is loaded and when it is closed: a host such as
 * the {@code pot4j} command prints them and records them in the run's log.
 */
public final class TimingEngine implements Engine {
    private final Engine delegate;
    private final System.Logger logger;
    private String modelName = "";
    private long inferences;
    private long nanos;

    TimingEngine(Engine delegate, System.Logger logger) {
        this.delegate = delegate;
        this.logger = logger;
    }

    @Override
    public String name() {
        return TimingEngineFactory.NAME;
    }

    @Override
    public synchronized void setModel(Model model) {
        report();
        delegate.setModel(model);
        modelName = model.name();
        inferences = 0;
        nanos = 0;
    }

    @Override
    public Optional<Model> model() {
        return delegate.model();
    }

    @Override
    public synchronized Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
        long start = System.nanoTime();
        Map<String, Tensor> out = delegate.infer(inputs, observer);
        nanos += System.nanoTime() - start;
        inferences++;
        return out;
    }

    @Override
    public boolean batchesSamples() {
        return delegate.batchesSamples();
    }

    /** Mean time per inference of the loaded model so far, in milliseconds (0 before the first). */
    public synchronized double averageMillis() {
        return inferences == 0 ? 0 : nanos / 1e6 / inferences;
    }

    /** The timings of the loaded model: {@code model 'm' on reference: 12 inferences, 3.41 ms each, 0.04 s in all}. */
    public synchronized String summary() {
        return String.format(Locale.ROOT, "model '%s' on %s: %d inference%s, %.2f ms each, %.2f s in all", modelName,
                delegate.name(), inferences, inferences == 1 ? "" : "s", averageMillis(), nanos / 1e9);
    }

    /** Logs the timings of the loaded model, if it ran. */
    private void report() {
        if (inferences > 0) {
            logger.log(System.Logger.Level.INFO, summary());
        }
    }

    @Override
    public synchronized void close() {
        report();
        inferences = 0;
        delegate.close();
    }
}
