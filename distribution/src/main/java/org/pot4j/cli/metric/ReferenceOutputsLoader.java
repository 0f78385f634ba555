package org.pot4j.cli.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A data loader whose annotations are a reference model's outputs for each sample, for {@link OutputDifference}.
 * The reference engine runs one sample at a time under a lock (engines are not required to infer concurrently).
 */
public final class ReferenceOutputsLoader implements DataLoader {
    private final DataLoader samples;
    private final Engine reference;

    /**
     * @param samples   the data, samples without a batch axis (as every loader gives them)
     * @param reference an engine with the reference model loaded
     */
    public ReferenceOutputsLoader(DataLoader samples, Engine reference) {
        this.samples = samples;
        this.reference = reference;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public DataItem get(int index) {
        DataItem item = samples.get(index);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        item.inputs().forEach((name, t) -> inputs.put(name, withBatchAxis(t)));
        Map<String, Tensor> outputs;
        synchronized (reference) {
            outputs = new LinkedHashMap<>(reference.infer(inputs));
        }
        return new DataItem(item.inputs(), outputs, item.metadata());
    }

    private static Tensor withBatchAxis(Tensor t) {
        long[] d = t.shape().dims();
        long[] b = new long[d.length + 1];
        b[0] = 1;
        System.arraycopy(d, 0, b, 1, d.length);
        return t.reshape(Shape.of(b));
    }

    @Override
    public String description() {
        return samples.description() + " with reference outputs";
    }
}
