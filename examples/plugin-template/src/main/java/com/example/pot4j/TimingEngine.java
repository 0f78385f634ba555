package com.example.pot4j;

import java.util.Map;
import java.util.Optional;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * An engine that runs models in another engine (found through the plugin context) and measures every inference:
 * the shape of a custom engine that adds behaviour around an existing one.
 */
public final class TimingEngine implements Engine {
    private final Engine delegate;
    private long inferences;
    private long nanos;

    TimingEngine(Engine delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return TimingEngineFactory.NAME;
    }

    @Override
    public void setModel(Model model) {
        delegate.setModel(model);
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

    /** Mean time per inference so far, in milliseconds (0 before the first). */
    public synchronized double averageMillis() {
        return inferences == 0 ? 0 : nanos / 1e6 / inferences;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
