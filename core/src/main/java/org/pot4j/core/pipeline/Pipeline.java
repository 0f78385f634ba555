package org.pot4j.core.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.Algorithm.StatisticsPlan;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.inference.PredictResult;
import org.pot4j.core.sampling.PythonRandom;

/**
 * Runs algorithms one after another on a model with one engine, whose passes run through an {@link InferenceLoop}
 * (POT_SPEC §1, {@code pipeline.py}).
 *
 * <p>For each algorithm: ask it for its {@link StatisticsPlan} on the current model; when the request is not empty,
 * load the model into the engine and collect the statistics in one pass of the loop over samples
 * {@code 0 .. min(subsetSize, loader size) - 1} in batches of the plan's batch size (a subset size of 0 means the
 * whole data set, POT's default for {@code stat_subset_size}); then run the algorithm, whose result is the next
 * algorithm's input. Algorithms never change the model they are given, so the caller's model stays as it was.
 *
 * <p>Unlike POT, algorithms are not grouped to share a pass: each algorithm that needs statistics gets its own. An
 * {@link AlgorithmSequence} runs as its steps, each with its own pass.
 */
public final class Pipeline {
    private final List<Algorithm> algorithms;
    private final InferenceLoop loop;
    private final ProgressListener progress;
    private final int evaluationBatchSize;

    private Pipeline(List<Algorithm> algorithms, InferenceLoop loop, ProgressListener progress,
                     int evaluationBatchSize) {
        this.algorithms = flatten(algorithms);
        this.loop = Objects.requireNonNull(loop, "loop");
        this.progress = progress == null ? ProgressListener.NONE : progress;
        if (evaluationBatchSize < 1) {
            throw new IllegalArgumentException("evaluation batch size must be at least 1, got " + evaluationBatchSize);
        }
        this.evaluationBatchSize = evaluationBatchSize;
    }

    /** A pipeline of {@code algorithms}, in order, whose passes run through {@code loop}, without progress reports. */
    public static Pipeline create(List<Algorithm> algorithms, InferenceLoop loop) {
        return new Pipeline(algorithms, loop, ProgressListener.NONE, 1);
    }

    /** A pipeline whose passes report to {@code progress}. */
    public static Pipeline create(List<Algorithm> algorithms, InferenceLoop loop, ProgressListener progress) {
        return new Pipeline(algorithms, loop, progress, 1);
    }

    /** This pipeline evaluating in batches of {@code batchSize} samples (1 by default). */
    public Pipeline withEvaluationBatchSize(int batchSize) {
        return new Pipeline(algorithms, loop, progress, batchSize);
    }

    /** The algorithms in the order they run: an {@link AlgorithmSequence} appears as its steps. */
    public List<Algorithm> algorithms() {
        return algorithms;
    }

    static List<Algorithm> flatten(List<Algorithm> algorithms) {
        List<Algorithm> out = new java.util.ArrayList<>();
        for (Algorithm a : algorithms) {
            if (a instanceof AlgorithmSequence sequence) {
                out.addAll(flatten(sequence.steps()));
            } else {
                out.add(Objects.requireNonNull(a, "algorithm"));
            }
        }
        return List.copyOf(out);
    }

    /** The loop the pipeline's passes run through (its engine, data loader and metric). */
    public InferenceLoop loop() {
        return loop;
    }

    /**
     * Runs every algorithm in order: each prepares the current model ({@link Algorithm#prepare}), statistics are
     * collected on the prepared model, then the algorithm runs on it.
     *
     * @return the model the last algorithm returned ({@code model} itself when there are no algorithms)
     * @throws AlgorithmException naming the algorithm that returned no model
     * @throws EngineException    when the engine did not return a requested statistic
     */
    public Model run(Model model) {
        Model current = Objects.requireNonNull(model, "model");
        for (Algorithm algorithm : algorithms) {
            current = Objects.requireNonNull(algorithm.prepare(current),
                    () -> "algorithm '" + algorithm.name() + "' prepared no model");
            StatisticsPlan plan = algorithm.statistics(current);
            CollectedStatistics statistics = CollectedStatistics.empty();
            if (plan != null && !plan.request().isEmpty()) {
                statistics = collect(algorithm, current, plan);
            }
            Model next = algorithm.run(current, loop.engine(), statistics, evaluator());
            if (next == null) {
                throw new AlgorithmException("algorithm '" + algorithm.name() + "' returned no model");
            }
            current = next;
        }
        return current;
    }

    /**
     * Computes the engine's metric on {@code model} over every sample of the data loader.
     *
     * @return the metric's average values by name
     * @throws EngineException when the engine has no metric
     */
    public Map<String, Double> evaluate(Model model) {
        if (loop.metric().isEmpty()) {
            throw new EngineException("no metric to evaluate model '" + model.name() + "' with");
        }
        loop.engine().setModel(model);
        Sampler sampler = Sampler.sequential(loaderSize(), evaluationBatchSize);
        return loop.run(PredictRequest.evaluation(sampler, progress)).metrics();
    }

    /**
     * The evaluation services algorithms get from this pipeline ({@link Algorithm#run(Model,
     * org.pot4j.api.engine.Engine, CollectedStatistics, ModelEvaluator)}): its data set and metric, evaluations in
     * batches of the evaluation batch size, and other algorithms run as this pipeline runs them, with statistics
     * reused between runs on the same model. Each call returns a new evaluator with an empty statistics cache.
     */
    public ModelEvaluator evaluator() {
        return new PipelineEvaluator(this, loop, evaluationBatchSize);
    }

    ProgressListener progress() {
        return progress;
    }

    CollectedStatistics collect(Algorithm algorithm, Model model, StatisticsPlan plan) {
        int available = loaderSize();
        int samples = plan.subsetSize() == 0 ? available : Math.min(plan.subsetSize(), available);
        loop.engine().setModel(model);
        // POT's shuffle_data: the subset CPython's random.sample draws, in its order
        Sampler sampler = plan.shuffleSeed().isPresent()
                ? Sampler.of(new PythonRandom(plan.shuffleSeed().getAsLong()).sample(available, samples),
                        plan.batchSize())
                : Sampler.sequential(samples, plan.batchSize());
        PredictResult result = loop.run(PredictRequest.statistics(sampler, plan.request(), progress));
        CollectedStatistics statistics = result.statistics();
        for (PortRef port : plan.request().ports()) {
            for (Statistic s : plan.request().at(port)) {
                if (statistics.get(port, s.name()).isEmpty()) {
                    if (model.isCascade() && CascadePorts.isQualified(port)) {
                        String stage = CascadePorts.stage(port);
                        throw new EngineException("stage '" + stage + "' of cascade '" + model.name()
                                + "' never ran on the " + samples + " statistics samples, so algorithm '"
                                + algorithm.name() + "' has no statistics for it: calibrate on samples that reach"
                                + " every stage (more samples, or a cascade that runs '" + stage + "' on them)");
                    }
                    throw new EngineException("engine '" + loop.engine().name() + "' did not return statistic '" + s.name()
                            + "' at " + port + " requested by algorithm '" + algorithm.name() + "'");
                }
            }
        }
        return statistics;
    }

    private int loaderSize() {
        int size = loop.dataLoader().size();
        if (size == 0) {
            throw new DataException("data loader " + loop.dataLoader().description() + " has no samples");
        }
        return size;
    }
}
