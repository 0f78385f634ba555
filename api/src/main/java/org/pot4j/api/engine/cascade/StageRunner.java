package org.pot4j.api.engine.cascade;

import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * Runs the stages of a cascade for {@link Cascade#run}: each call is one inference of one stage in its delegate
 * engine, whose observed tensors feed the statistics requested at that stage's ports.
 *
 * <p>Inputs carry the batch on axis 0 (any number of rows, at least one). A stage whose model has a fixed batch size
 * runs in chunks of that size, the last chunk padded with zero rows; padding rows reach neither the outputs nor the
 * statistics. Statistics receive each row of a stage's batch as its own sample, as POT's cascade engines split batch
 * outputs per item.
 */
public interface StageRunner {
    /** {@return the stage names, in cascade order} */
    List<String> stageNames();

    /**
     * The model of stage {@code name}.
     *
     * @param name a stage name from {@link #stageNames()}
     * @return the stage's model
     * @throws org.pot4j.api.error.EngineException naming the stage when there is none of that name
     */
    Model stage(String name);

    /**
     * Runs stage {@code stage} once on {@code inputs} (by model input name; a single input may use
     * {@link DataItem#UNNAMED}).
     *
     * @param stage  the stage name
     * @param inputs the inputs by model input name, rows on axis 0
     * @return every output of the stage by output name (the first tensor name of the port a Result reads), with
     *         as many rows as the inputs
     * @throws org.pot4j.api.error.EngineException naming the stage when it cannot run
     */
    Map<String, Tensor> run(String stage, Map<String, Tensor> inputs);

    /**
     * The name of a stage by position.
     *
     * @param index the stage's position in cascade order, from 0
     * @return its name
     * @throws IndexOutOfBoundsException when there is no stage at {@code index}
     */
    default String stageName(int index) {
        List<String> names = stageNames();
        if (index < 0 || index >= names.size()) {
            throw new IndexOutOfBoundsException("stage " + index + " of a cascade of " + names.size() + " stages");
        }
        return names.get(index);
    }

    /**
     * Runs a stage with a single input, chosen by position.
     *
     * @param index the stage's position in cascade order, from 0
     * @param input the stage's only input, rows on axis 0
     * @return every output of the stage by output name, as {@link #run(String, Map)} gives them
     */
    default Map<String, Tensor> run(int index, Tensor input) {
        return run(stageName(index), Map.of(DataItem.UNNAMED, input));
    }

    /**
     * Runs a stage with a single input.
     *
     * @param stage the stage name
     * @param input the stage's only input, rows on axis 0
     * @return every output of the stage by output name, as {@link #run(String, Map)} gives them
     */
    default Map<String, Tensor> run(String stage, Tensor input) {
        return run(stage, Map.of(DataItem.UNNAMED, input));
    }
}
