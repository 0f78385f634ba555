package org.pot4j.api.metric;

import java.util.List;
import java.util.Map;
import org.pot4j.api.tensor.Tensor;

/**
 * An accuracy measure updated batch by batch, as POT's {@code Metric}.
 */
public interface Metric {
    /** {@return the per-sample values of the last {@link #update}, by metric name} */
    Map<String, List<Double>> value();

    /** {@return the values averaged over every update since {@link #reset()}, by metric name} */
    Map<String, Double> averageValue();

    /** {@return true when a larger value is better (the default)} */
    default boolean higherBetter() {
        return true;
    }

    /**
     * Takes the model outputs of one batch and the annotations of its samples.
     *
     * @param outputs     model outputs by output name, batch on axis 0
     * @param annotations one annotation per sample of the batch (null where a sample has none)
     */
    void update(Map<String, Tensor> outputs, List<Object> annotations);

    /** Forgets every update. */
    void reset();

    /** {@return the direction and type of each metric name} */
    Map<String, MetricAttributes> attributes();
}
