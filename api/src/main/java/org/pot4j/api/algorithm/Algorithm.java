package org.pot4j.api.algorithm;

import java.util.OptionalLong;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.model.Model;

/**
 * A step of a compression pipeline, as POT's {@code Algorithm}: it says which statistics it needs, then turns them
 * into a changed model. It never changes the model it is given; it returns an edited copy.
 */
public interface Algorithm {
    /** {@return the name of the algorithm ({@code "DefaultQuantization"})} */
    String name();

    /**
     * The model that {@link #statistics} and {@link #run} work on, made from the pipeline's current model before
     * anything is collected. An algorithm that needs an equivalent rewrite first (DefaultQuantization folds batch
     * normalizations into convolutions) returns a changed copy; it never changes {@code model}. The default returns
     * {@code model}.
     *
     * @param model the pipeline's current model (not modified)
     * @return the model to collect statistics on and run on: {@code model} itself or a changed copy
     */
    default Model prepare(Model model) {
        return model;
    }

    /**
     * The statistics to collect on {@code model} before {@link #run}, and how many samples to collect them on.
     *
     * @param model the model {@link #prepare} returned
     * @return the plan; {@link StatisticsPlan#NONE} (the default) when the algorithm needs no statistics
     */
    default StatisticsPlan statistics(Model model) {
        return StatisticsPlan.NONE;
    }

    /**
     * Runs the algorithm.
     *
     * @param model      the model to change (not modified)
     * @param engine     an engine with the data loader, for algorithms that run inferences of their own
     * @param statistics the statistics {@link #statistics(Model)} asked for
     * @return the changed model
     */
    Model run(Model model, Engine engine, CollectedStatistics statistics);

    /**
     * Runs the algorithm with the pipeline's evaluation services, for algorithms that judge models by their results
     * (AccuracyAwareQuantization). Pipelines call this method; the default ignores {@code evaluator} and calls
     * {@link #run(Model, Engine, CollectedStatistics)}.
     *
     * @param model      the model to change (not modified)
     * @param engine     an engine with the data loader
     * @param statistics the statistics {@link #statistics(Model)} asked for
     * @param evaluator  the pipeline's data set, metric and algorithm runner
     * @return the changed model
     */
    default Model run(Model model, Engine engine, CollectedStatistics statistics, ModelEvaluator evaluator) {
        return run(model, engine, statistics);
    }

    /**
     * A statistics request with the number of samples and the batch size to collect it on.
     *
     * @param request     the statistics to compute, at which ports
     * @param batchSize   samples per inference while collecting, at least 1
     * @param subsetSize  samples to collect on (0 = all; more than the data loader has = all)
     * @param shuffleSeed absent: the first {@code subsetSize} samples in order; present: POT's {@code shuffle_data}
     *                    subset, the indices CPython's {@code random.seed(seed); random.sample(range(N), n)} draws
     */
    record StatisticsPlan(StatisticsRequest request, int subsetSize, int batchSize, OptionalLong shuffleSeed) {
        /** Nothing to collect. */
        public static final StatisticsPlan NONE = new StatisticsPlan(StatisticsRequest.empty(), 0, 1);

        /**
         * Checks the sizes.
         *
         * @param request     the statistics to compute, at which ports
         * @param subsetSize  samples to collect on, 0 or more (0 = all)
         * @param batchSize   samples per inference, at least 1
         * @param shuffleSeed the shuffle seed, or empty for the first samples in order; not null
         * @throws IllegalArgumentException when {@code subsetSize} is negative or {@code batchSize} below 1
         */
        public StatisticsPlan {
            if (subsetSize < 0 || batchSize < 1) {
                throw new IllegalArgumentException("invalid subset size " + subsetSize + " or batch size " + batchSize);
            }
            java.util.Objects.requireNonNull(shuffleSeed, "shuffleSeed");
        }

        /**
         * A plan on the first {@code subsetSize} samples, in order (no shuffle seed).
         *
         * @param request    the statistics to compute, at which ports
         * @param subsetSize samples to collect on, 0 or more (0 = all)
         * @param batchSize  samples per inference, at least 1
         */
        public StatisticsPlan(StatisticsRequest request, int subsetSize, int batchSize) {
            this(request, subsetSize, batchSize, OptionalLong.empty());
        }
    }
}
