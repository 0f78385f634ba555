package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.tensor.Tensor;

/**
 * The FP32 cascade's detections as annotations, for {@link DetectionMetric#agreement} when no labels exist: run the
 * FP32 cascade once over the data, then evaluate the quantized cascade on the loader this returns.
 */
public final class ReferenceDetections implements DataLoader {
    private final DataLoader images;
    private final List<Tensor> boxes;

    private ReferenceDetections(DataLoader images, List<Tensor> boxes) {
        this.images = images;
        this.boxes = boxes;
    }

    /**
     * Runs {@code fp32} (a cascade engine with the FP32 model loaded) on every sample of {@code images}.
     *
     * @return {@code images} whose annotations are the detected {@code boxes} {@code [N,5]}
     */
    public static ReferenceDetections record(Engine fp32, DataLoader images) {
        List<Tensor> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            Tensor b = fp32.infer(images.get(i).inputs()).get(MtcnnCascade.BOXES);
            if (b == null) {
                throw new EngineException("engine '" + fp32.name() + "' returned no '" + MtcnnCascade.BOXES
                        + "' for sample " + i + " of " + images.description());
            }
            out.add(b);
        }
        return new ReferenceDetections(images, List.copyOf(out));
    }

    /** The FP32 boxes of sample {@code index}. */
    public Tensor boxes(int index) {
        return boxes.get(index);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public DataItem get(int index) {
        DataItem item = images.get(index);
        return new DataItem(item.inputs(), boxes.get(index), item.metadata());
    }

    @Override
    public String description() {
        return images.description() + " annotated with FP32 detections";
    }
}
