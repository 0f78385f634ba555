package org.pot4j.quantization;

import java.util.Map;
import java.util.Random;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.ReferenceEngineFactory;

/** Seeded calibration data for the GNA tests and what a model makes of it. */
public final class QuantizationTestData {
    private QuantizationTestData() {
    }

    /**
     * {@code size} samples of {@code width} values uniform in [-1, 1), seeded by their index, shaped {@code [width]}.
     */
    public record Uniform(int size, int width) implements DataLoader {
        @Override
        public DataItem get(int index) {
            Random r = new Random(77L + index);
            float[] v = new float[width];
            for (int i = 0; i < width; i++) {
                v[i] = r.nextFloat() * 2 - 1;
            }
            return DataItem.of(Tensor.ofFloats(v, width));
        }
    }

    /** The largest |output| of {@code model}'s first output over every sample of {@code data} (batch 1). */
    public static double maxAbsOutput(Model model, DataLoader data) {
        double max = 0;
        try (Engine e = new ReferenceEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)), null)) {
            e.setModel(model);
            String input = model.graph().parameters().get(0).name();
            for (int i = 0; i < data.size(); i++) {
                Tensor x = data.get(i).inputs().values().iterator().next();
                long[] dims = new long[x.shape().rank() + 1];
                dims[0] = 1;
                System.arraycopy(x.shape().dims(), 0, dims, 1, x.shape().rank());
                Tensor batched = Tensor.ofFloats(org.pot4j.api.tensor.Shape.of(dims), x.toFloatArray());
                for (float v : e.infer(Map.of(input, batched)).values().iterator().next().toFloatArray()) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }
}
