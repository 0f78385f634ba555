package org.pot4j.api.algorithm;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * What a pipeline offers an algorithm that judges models by their results (POT's AccuracyAwareQuantization): the
 * pipeline's data set and metric, raw inferences, and running another algorithm as the pipeline would. The pipeline
 * passes it to {@link Algorithm#run(Model, org.pot4j.api.engine.Engine,
 * org.pot4j.api.engine.CollectedStatistics, ModelEvaluator)}.
 */
public interface ModelEvaluator {
    /** {@return the number of samples of the pipeline's data set} */
    int size();

    /** {@return the attributes of the pipeline's metric by name, in the metric's order; empty when it has none} */
    Map<String, MetricAttributes> metrics();

    /**
     * Runs {@code model} on some samples and scores it with the pipeline's metric, as POT's
     * {@code engine.predict(sampler, metric_per_sample=True)}.
     *
     * @param model   the model to run (not modified)
     * @param samples the sample indices, in the order they are run
     * @return the metric's averages and per-sample values
     * @throws org.pot4j.api.error.EngineException when the pipeline has no metric
     */
    Evaluation evaluate(Model model, int[] samples);

    /**
     * Runs {@code model} on some samples and hands over its outputs, batch by batch, in the order of {@code samples}.
     *
     * @param model   the model to run (not modified)
     * @param samples the sample indices, in the order they are run
     * @param outputs receives each batch's sample indices and the model outputs by name (batch on axis 0)
     */
    void infer(Model model, int[] samples, BatchOutputs outputs);

    /**
     * Runs {@code model} on some samples and hands over the tensors at chosen ports inside it, batch by batch, in the
     * order of {@code samples}. The engine shows them as it shows statistics ports ({@link
     * org.pot4j.api.engine.PortObserver}, whole values); the model is not changed (no output is added to it).
     *
     * @param model   the model to run (not modified)
     * @param samples the sample indices, in the order they are run
     * @param ports   output ports of nodes of {@code model}
     * @param values  receives each batch's sample indices and the value at every port (batch on axis 0)
     * @throws org.pot4j.api.error.EngineException naming a port the engine cannot show
     */
    void observe(Model model, int[] samples, Set<PortRef> ports, PortValues values);

    /**
     * Runs another algorithm on {@code model} as the pipeline runs its own (an algorithm sequence step by step, each
     * prepared, given its statistics pass, and run). Statistics collected earlier on the same model for the same
     * samples are reused, so re-running an algorithm with a changed scope costs no new pass when it asks for
     * nothing new.
     *
     * @param algorithm the algorithm to run
     * @param model     its input (not modified)
     * @return the algorithm's result
     */
    Model apply(Algorithm algorithm, Model model);

    /** Receives the outputs of one batch of {@link #infer}. */
    @FunctionalInterface
    interface BatchOutputs {
        /**
         * Takes one batch.
         *
         * @param samples the batch's sample indices
         * @param outputs the model outputs by output name, batch on axis 0
         */
        void accept(int[] samples, Map<String, Tensor> outputs);
    }

    /** Receives the port values of one batch of {@link #observe}. */
    @FunctionalInterface
    interface PortValues {
        /**
         * Takes one batch.
         *
         * @param samples the batch's sample indices
         * @param values  the value at each observed port, batch on axis 0; the receiver may keep them
         */
        void accept(int[] samples, Map<PortRef, Tensor> values);
    }

    /**
     * The metric on some samples.
     *
     * @param averages  each metric's average over the samples, by name
     * @param perSample each metric's value per sample, in the order the samples were given (NaN where the metric gave
     *                  none), by name
     */
    record Evaluation(Map<String, Double> averages, Map<String, List<Double>> perSample) {
        /**
         * Copies the maps.
         *
         * @param averages  the averages by name
         * @param perSample the per-sample values by name
         */
        public Evaluation {
            averages = Map.copyOf(averages);
            perSample = Map.copyOf(perSample);
        }
    }
}
