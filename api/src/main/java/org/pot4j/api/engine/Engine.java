package org.pot4j.api.engine;

import java.util.Map;
import java.util.Optional;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * Runs models, as POT's {@code Engine}: load a model, run one inference, and predict over samples of its data
 * loader while computing statistics and a metric.
 *
 * <p>Engines batch samples by concatenating them on axis 0. They fail with an
 * {@link org.pot4j.api.error.EngineException} naming the node or input at fault.
 */
public interface Engine extends AutoCloseable {
    /** The name of the engine ({@code "reference"}, {@code "onnxruntime"}). */
    String name();

    /**
     * Loads {@code model}, replacing the previous one.
     *
     * @throws org.pot4j.api.error.EngineException naming an op or node the engine cannot run
     */
    void setModel(Model model);

    /** The model loaded last. */
    Optional<Model> model();

    /**
     * Runs one inference of the loaded model.
     *
     * @param inputs by model input name (a single input may use {@link org.pot4j.api.data.DataItem#UNNAMED})
     * @return every model output by output name
     */
    Map<String, Tensor> infer(Map<String, Tensor> inputs);

    /** Runs the loaded model over the request's samples, computing the requested statistics and metric. */
    PredictResult predict(PredictRequest request);

    /** The data loader predict passes read. */
    DataLoader dataLoader();

    /** The metric predict passes update, if any. */
    Optional<Metric> metric();

    /**
     * An optional capability of the engine, such as {@link RuntimeInspection}; engines look up what they offer here
     * instead of callers switching over engine classes.
     *
     * @return the capability, or empty when the engine does not offer it
     */
    default <T> Optional<T> extension(Class<T> type) {
        return Optional.empty();
    }

    /** Releases native resources; the engine cannot be used afterwards. */
    @Override
    default void close() {
    }
}
