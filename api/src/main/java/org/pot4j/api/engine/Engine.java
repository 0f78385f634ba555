package org.pot4j.api.engine;

import java.util.Map;
import java.util.Optional;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * Runs models, as POT's {@code Engine} without its predict loop: load a model, run one inference, and let a
 * {@link PortObserver} see tensors inside the model while it runs. Sampling, loading, batching, statistics and metrics
 * belong to the host's collector, one loop for every engine.
 *
 * <p>Engines take samples batched by concatenation on axis 0 (unless {@link #batchesSamples()} says otherwise). They
 * fail with an {@link org.pot4j.api.error.EngineException} naming the node or input at fault.
 */
public interface Engine extends AutoCloseable {
    /** {@return the name of the engine ({@code "reference"}, {@code "onnxruntime"})} */
    String name();

    /**
     * Loads {@code model}, replacing the previous one.
     *
     * @param model the model to run from now on
     * @throws org.pot4j.api.error.EngineException naming an op or node the engine cannot run
     */
    void setModel(Model model);

    /** {@return the model loaded last, or empty when none is loaded} */
    Optional<Model> model();

    /**
     * Runs one inference of the loaded model.
     *
     * @param inputs by model input name (a single input may use {@link org.pot4j.api.data.DataItem#UNNAMED})
     * @return every model output by output name
     */
    default Map<String, Tensor> infer(Map<String, Tensor> inputs) {
        return infer(inputs, PortObserver.NONE);
    }

    /**
     * Runs one inference of the loaded model and shows {@code observer} the tensors at its ports, whole or reduced in
     * the runtime (see {@link PortObserver}).
     *
     * @param inputs   by model input name (a single input may use {@link org.pot4j.api.data.DataItem#UNNAMED})
     * @param observer what to show the tensors at ports to; {@link PortObserver#NONE} for nothing
     * @return every model output by output name
     * @throws org.pot4j.api.error.EngineException naming a port that is not in the model
     */
    Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer);

    /**
     * Whether {@link #infer} takes samples stacked on a leading batch axis (true), or one sample as a data loader gives
     * it (false: cascade engines, whose samples are whole images of any size).
     *
     * @return true (the default) when samples are stacked on axis 0
     */
    default boolean batchesSamples() {
        return true;
    }

    /**
     * An optional capability of the engine, such as {@link RuntimeInspection}; engines look up what they offer here
     * instead of callers switching over engine classes.
     *
     * @param <T>  the capability's type
     * @param type the capability's interface
     * @return the capability, or empty when the engine does not offer it (the default)
     */
    default <T> Optional<T> extension(Class<T> type) {
        return Optional.empty();
    }

    /** Releases native resources; the engine cannot be used afterwards. */
    @Override
    default void close() {
    }
}
