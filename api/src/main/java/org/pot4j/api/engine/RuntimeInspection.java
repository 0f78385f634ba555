package org.pot4j.api.engine;

import java.util.Map;
import org.pot4j.api.tensor.Tensor;

/**
 * What a runtime does with the loaded model after its own graph optimization: which quantized Conv/MatMul/Gemm run
 * as integer kernels and why the others stay in float. Offered by engines through
 * {@link Engine#extension(Class) extension(RuntimeInspection.class)}.
 */
public interface RuntimeInspection {
    /**
     * The kernel report of the loaded model, without timings.
     *
     * @return the report, with {@link KernelReport#kernelMillisByOp()} empty
     * @throws org.pot4j.api.error.EngineException when no model is loaded or the runtime refuses it
     */
    KernelReport inspect();

    /**
     * The kernel report with the time each op type's kernels took over {@code runs} inferences of {@code inputs}
     * ({@link KernelReport#kernelMillisByOp()}); a runtime that cannot profile returns {@link #inspect()}.
     *
     * @param inputs by model input name, as for {@link Engine#infer(Map)}
     * @param runs   timed inferences, at least 1
     * @return the report with kernel times, or without them when the runtime cannot profile
     */
    default KernelReport inspect(Map<String, Tensor> inputs, int runs) {
        return inspect();
    }
}
