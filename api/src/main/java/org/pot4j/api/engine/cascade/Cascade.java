package org.pot4j.api.engine.cascade;

import java.util.List;
import java.util.Map;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * What a cascade engine author writes: the logic that runs the stages of a cascade model ({@link Model#isCascade()})
 * on one sample, such as MT-CNN's image pyramid, crops and box merging. The host's cascade engine loads each stage in
 * a delegate engine of any kind, runs the stages this logic asks for through a {@link StageRunner}, and collects the
 * statistics requested at stage ports ({@link CascadePorts}) from every stage inference.
 */
public interface Cascade {
    /**
     * Checks that the stages suit this cascade (their number, inputs, outputs) before delegates load them. The
     * default accepts any stages.
     *
     * @param stages the cascade model's {@link Model#subModels()}, in order
     * @throws org.pot4j.api.error.EngineException naming the stage and what is wrong
     */
    default void checkStages(List<Model> stages) {
    }

    /**
     * Runs the cascade on one sample.
     *
     * @param inputs the sample's inputs as a data loader gives them (no batch axis)
     * @param stages runs one stage at a time
     * @return the cascade's outputs for this sample (for example detected boxes), which a metric receives
     * @throws org.pot4j.api.error.DataException when the sample does not suit the cascade
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs, StageRunner stages);
}
