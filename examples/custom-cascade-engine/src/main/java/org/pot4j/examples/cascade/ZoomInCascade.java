package org.pot4j.examples.cascade;

import java.util.List;
import java.util.Map;
import org.pot4j.api.engine.cascade.Cascade;
import org.pot4j.api.engine.cascade.StageRunner;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A two-stage "zoom-in" image classifier, the part of a custom cascade engine its author writes: what POT's
 * {@code MTCNNEngine} puts in its {@code predict} override.
 *
 * <p>Each sample is one photo {@code [3, 2H, 2W]} (channels first, as the stage models want them, no batch axis). The
 * first stage ("overview") classifies the whole photo downscaled 2x by 2x2 average pooling to {@code H x W}. When its
 * top-1 probability is below the threshold, the second stage ("zoom") classifies the centre {@code H x W} crop at full
 * resolution, and the cascade answers the average of both stages' probabilities. Outputs: {@code prob} {@code [1, C]}
 * and {@code stages} {@code [1]} (how many stages ran: 1 or 2).
 */
public final class ZoomInCascade implements Cascade {
    /** The output holding the class probabilities. */
    public static final String PROB = "prob";
    /** The output holding the number of stages that ran on the sample. */
    public static final String STAGES = "stages";
    /** The overview's top-1 probability below which the zoom stage runs, by default. */
    public static final double DEFAULT_THRESHOLD = 0.3;

    private final double threshold;

    /** A cascade that zooms in when the overview's top-1 probability is below {@value #DEFAULT_THRESHOLD}. */
    public ZoomInCascade() {
        this(DEFAULT_THRESHOLD);
    }

    /**
     * A cascade that zooms in when the overview's top-1 probability is below {@code threshold}.
     *
     * @param threshold 0 never zooms in, above 1 always does
     * @throws IllegalArgumentException when the threshold is negative or not a number
     */
    public ZoomInCascade(double threshold) {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("the zoom threshold must be 0 or more, got " + threshold);
        }
        this.threshold = threshold;
    }

    /** The overview's top-1 probability below which the zoom stage runs. */
    public double threshold() {
        return threshold;
    }

    /**
     * Accepts exactly two stages (overview, then zoom), each with a single {@code [1,3,H,W]} input of the same size.
     *
     * @throws EngineException naming the stage and what is wrong
     */
    @Override
    public void checkStages(List<Model> stages) {
        if (stages.size() != 2) {
            throw new EngineException("the zoom-in cascade needs 2 stages (overview, then zoom), got " + stages.size()
                    + ": " + stages.stream().map(Model::name).toList());
        }
        Shape overview = inputShape(stages.get(0));
        Shape zoom = inputShape(stages.get(1));
        if (overview.dim(2) != zoom.dim(2) || overview.dim(3) != zoom.dim(3)) {
            throw new EngineException("the zoom-in cascade needs stages of the same input size: stage '"
                    + stages.get(0).name() + "' takes " + overview + ", stage '" + stages.get(1).name() + "' takes "
                    + zoom);
        }
    }

    /** The shape of the single input of {@code stage}, checked to be {@code [1,3,H,W]}. */
    private static Shape inputShape(Model stage) {
        List<Node> inputs = stage.graph().parameters();
        if (inputs.size() != 1) {
            throw new EngineException("the zoom-in cascade: stage '" + stage.name() + "' must have one input, it has "
                    + inputs.size() + ": " + inputs.stream().map(Node::name).toList());
        }
        Shape s = inputs.get(0).outputs().get(0).shape();
        if (s.rank() != 4 || s.dim(0) != 1 || s.dim(1) != 3 || s.dim(2) <= 0 || s.dim(3) <= 0) {
            throw new EngineException("the zoom-in cascade: stage '" + stage.name() + "' input '" + inputs.get(0).name()
                    + "' has shape " + s + "; expected [1,3,H,W] with a static H and W");
        }
        return s;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, StageRunner stages) {
        if (inputs.size() != 1) {
            throw new DataException("the zoom-in cascade takes one photo per sample, got inputs " + inputs.keySet());
        }
        String overviewStage = stages.stageName(0);
        String zoomStage = stages.stageName(1);
        Shape stageInput = inputShape(stages.stage(overviewStage));
        int height = (int) stageInput.dim(2);
        int width = (int) stageInput.dim(3);
        Photo photo = Photo.of(inputs.values().iterator().next(), height, width);

        float[] overview = probabilities(overviewStage, stages.run(overviewStage, photo.halved()));
        if (top1(overview) >= threshold) {
            return result(overview, 1);
        }
        float[] zoom = probabilities(zoomStage, stages.run(zoomStage, photo.centreCrop()));
        if (zoom.length != overview.length) {
            throw new EngineException("stage '" + zoomStage + "' gives " + zoom.length + " probabilities, stage '"
                    + overviewStage + "' " + overview.length);
        }
        float[] mean = new float[overview.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (overview[i] + zoom[i]) / 2;
        }
        return result(mean, 2);
    }

    /** The highest probability. */
    static float top1(float[] probabilities) {
        float best = Float.NEGATIVE_INFINITY;
        for (float p : probabilities) {
            best = Math.max(best, p);
        }
        return best;
    }

    /** The single output of a stage, as a flat array of probabilities. */
    private static float[] probabilities(String stage, Map<String, Tensor> outputs) {
        if (outputs.size() != 1) {
            throw new EngineException("stage '" + stage + "' must have one output (class probabilities), it has "
                    + outputs.keySet());
        }
        return outputs.values().iterator().next().toFloatArray();
    }

    private static Map<String, Tensor> result(float[] probabilities, int stagesRun) {
        return Map.of(PROB, Tensor.of(probabilities, 1, probabilities.length),
                STAGES, Tensor.of(new int[] {stagesRun}, 1));
    }
}
