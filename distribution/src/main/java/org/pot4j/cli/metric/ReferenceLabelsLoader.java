package org.pot4j.cli.metric;

import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * A data loader whose annotation for each sample is the class a reference model ranks first (the highest value of its
 * first output; ties go to the lower index, as {@link TopKAccuracy} ranks them). {@link TopKAccuracy} of another model
 * over these samples is that model's top-1 agreement with the reference, a measure for samples without labels.
 */
public final class ReferenceLabelsLoader implements DataLoader {
    private final DataLoader samples;
    private final ReferenceOutputsLoader outputs;

    /**
     * @param samples   the data, samples without a batch axis (as every loader gives them)
     * @param reference an engine with the reference model loaded
     */
    public ReferenceLabelsLoader(DataLoader samples, Engine reference) {
        this.samples = samples;
        this.outputs = new ReferenceOutputsLoader(samples, reference);
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public DataItem get(int index) {
        DataItem item = outputs.get(index);
        @SuppressWarnings("unchecked")
        Map<String, Tensor> reference = (Map<String, Tensor>) item.annotation();
        if (reference.isEmpty()) {
            throw new DataException("sample " + index + ": the reference model produced no output to rank");
        }
        return new DataItem(item.inputs(), top1(reference.values().iterator().next().toFloatArray()), item.metadata());
    }

    /** The index of the highest value, the lowest such index on ties. */
    static int top1(float[] scores) {
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public String description() {
        return samples.description() + " labelled by the reference model's top-1 class";
    }
}
