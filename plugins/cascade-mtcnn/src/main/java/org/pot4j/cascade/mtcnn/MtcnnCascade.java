package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.engine.cascade.Cascade;
import org.pot4j.api.engine.cascade.StageRunner;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * MT-CNN face detection (Zhang et al. 2016, as facenet-pytorch runs it) over a cascade of three stages in order:
 * P-Net on every level of an image pyramid, R-Net on 24x24 crops of its candidates, O-Net on 48x48 crops with
 * landmarks, run by the host's {@code CascadeEngine}: each stage in the delegate engine, the statistics of a pass
 * collected at every stage inference.
 *
 * <p>Input: one whole RGB image per sample ({@code [3,H,W]} or {@code [H,W,3]}, 0..255). Outputs per image:
 * {@code boxes} {@code [N,5]} (x1, y1, x2, y2, face probability, in pixels of the input image) and
 * {@code landmarks} {@code [N,10]} (x, y of the eyes, nose and mouth corners, interleaved). Like POT's MTCNNEngine
 * the cascade stops early when a stage keeps no candidate.
 */
public final class MtcnnCascade implements Cascade {
    /** The output holding the detected boxes. */
    public static final String BOXES = "boxes";
    /** The output holding the five landmarks of each box. */
    public static final String LANDMARKS = "landmarks";
    private static final int CELL = 12;
    private static final int STRIDE = 2;

    private final MtcnnOptions options;

    MtcnnCascade(MtcnnOptions options) {
        this.options = options;
    }

    @Override
    public void checkStages(List<Model> stages) {
        if (stages.size() != 3) {
            throw new EngineException("engine 'mtcnn' needs a cascade of 3 stages (P-Net, R-Net, O-Net in this order), "
                    + "got " + stages.size() + ": " + stages.stream().map(Model::name).toList());
        }
        String[] role = {"P-Net", "R-Net", "O-Net"};
        long[] side = {-2, 24, 48};
        for (int i = 0; i < 3; i++) {
            Model m = stages.get(i);
            List<Node> inputs = m.graph().parameters();
            if (inputs.size() != 1) {
                throw new EngineException("engine 'mtcnn': stage '" + m.name() + "' (" + role[i] + ") must have one input, "
                        + "it has " + inputs.size());
            }
            Shape s = inputs.get(0).outputs().get(0).shape();
            boolean ok = s.rank() == 4 && (s.dim(1) == 3 || s.dim(1) == Shape.DYNAMIC)
                    && (side[i] < 0 || ((s.dim(2) == side[i] || s.dim(2) == Shape.DYNAMIC)
                    && (s.dim(3) == side[i] || s.dim(3) == Shape.DYNAMIC)));
            if (!ok) {
                throw new EngineException("engine 'mtcnn': stage '" + m.name() + "' (" + role[i] + ") input "
                        + inputs.get(0).name() + " has shape " + s + "; expected [N,3," + (side[i] < 0 ? "H,W" : side[i]
                        + "," + side[i]) + "]");
            }
        }
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, StageRunner stages) {
        if (inputs.size() != 1) {
            throw new DataException("the mtcnn engine takes one image per sample, got inputs " + inputs.keySet());
        }
        RgbImage image = RgbImage.of(inputs.values().iterator().next());
        List<FaceBox> boxes = proposals(image, stages);
        if (!boxes.isEmpty()) {
            boxes = refine(image, stages, boxes);
        }
        if (!boxes.isEmpty()) {
            boxes = output(image, stages, boxes);
        }
        return result(boxes);
    }

    /** The pyramid scales: 12 / min face size, times the scale factor while the shorter side stays at least 12. */
    List<Double> scales(int height, int width) {
        List<Double> scales = new ArrayList<>();
        double m = CELL / options.minFaceSize();
        double minl = Math.min(height, width) * m;
        double scale = m;
        while (minl >= CELL) {
            scales.add(scale);
            scale *= options.scaleFactor();
            minl *= options.scaleFactor();
        }
        return scales;
    }

    private List<FaceBox> proposals(RgbImage image, StageRunner stages) {
        String pnet = stages.stageName(0);
        List<FaceBox> all = new ArrayList<>();
        for (double scale : scales(image.height(), image.width())) {
            int hs = (int) (image.height() * scale + 1);
            int ws = (int) (image.width() * scale + 1);
            Map<String, Tensor> out = stages.run(pnet, image.level(hs, ws, options.transposed(0)));
            StageOutputs o = StageOutputs.of(pnet, out, false);
            List<FaceBox> level = decodePnet(o, scale);
            all.addAll(NonMaxSuppression.select(level, options.nmsThresholds().get(0).floatValue(),
                    NonMaxSuppression.Overlap.UNION));
        }
        if (all.isEmpty()) {
            return all;
        }
        all = NonMaxSuppression.select(all, options.nmsThresholds().get(1).floatValue(), NonMaxSuppression.Overlap.UNION);
        List<FaceBox> out = new ArrayList<>(all.size());
        for (FaceBox b : all) {
            out.add(b.regressed(0f).squared());
        }
        return out;
    }

    /** P-Net's maps to candidate boxes: each cell at or above the threshold is a 12x12 window at stride 2. */
    private List<FaceBox> decodePnet(StageOutputs o, double scale) {
        Shape ps = o.prob().shape();
        int a = (int) ps.dim(2);
        int b = (int) ps.dim(3);
        // transposed models produce maps over (x, y) instead of (y, x); their channels mean the same
        boolean transposed = options.transposed(0);
        int mapH = transposed ? b : a;
        int mapW = transposed ? a : b;
        float[] prob = o.prob().toFloatArray();
        float[] reg = o.regression().toFloatArray();
        int plane = a * b;
        float threshold = options.thresholds().get(0).floatValue();
        List<FaceBox> boxes = new ArrayList<>();
        for (int y = 0; y < mapH; y++) {
            for (int x = 0; x < mapW; x++) {
                int at = transposed ? x * b + y : y * b + x;
                float p = prob[plane + at];
                if (p >= threshold) {
                    float x1 = (float) Math.floor((STRIDE * x + 1) / scale);
                    float y1 = (float) Math.floor((STRIDE * y + 1) / scale);
                    float x2 = (float) Math.floor((STRIDE * x + CELL) / scale);
                    float y2 = (float) Math.floor((STRIDE * y + CELL) / scale);
                    float[] r = {reg[at], reg[plane + at], reg[2 * plane + at], reg[3 * plane + at]};
                    boxes.add(new FaceBox(x1, y1, x2, y2, p, r, null));
                }
            }
        }
        return boxes;
    }

    private List<FaceBox> refine(RgbImage image, StageRunner stages, List<FaceBox> candidates) {
        String rnet = stages.stageName(1);
        List<FaceBox> boxes = new ArrayList<>();
        Tensor crops = crops(image, candidates, 24, options.transposed(1), boxes);
        if (boxes.isEmpty()) {
            return boxes;
        }
        StageOutputs o = StageOutputs.of(rnet, stages.run(rnet, crops), false);
        List<FaceBox> kept = scored(boxes, o, options.thresholds().get(1).floatValue(), false);
        kept = NonMaxSuppression.select(kept, options.nmsThresholds().get(2).floatValue(), NonMaxSuppression.Overlap.UNION);
        List<FaceBox> out = new ArrayList<>(kept.size());
        for (FaceBox b : kept) {
            out.add(b.regressed(1f).squared());
        }
        return out;
    }

    private List<FaceBox> output(RgbImage image, StageRunner stages, List<FaceBox> candidates) {
        String onet = stages.stageName(2);
        List<FaceBox> boxes = new ArrayList<>();
        Tensor crops = crops(image, candidates, 48, options.transposed(2), boxes);
        if (boxes.isEmpty()) {
            return boxes;
        }
        StageOutputs o = StageOutputs.of(onet, stages.run(onet, crops), true);
        List<FaceBox> kept = scored(boxes, o, options.thresholds().get(2).floatValue(), true);
        List<FaceBox> regressed = new ArrayList<>(kept.size());
        for (FaceBox b : kept) {
            regressed.add(b.regressed(1f));
        }
        return NonMaxSuppression.select(regressed, options.nmsThresholds().get(3).floatValue(),
                NonMaxSuppression.Overlap.MIN);
    }

    /**
     * The boxes whose stage probability is above {@code threshold}, with that score, the stage's regression and
     * (O-Net) the landmarks mapped into image pixels.
     */
    private static List<FaceBox> scored(List<FaceBox> boxes, StageOutputs o, float threshold, boolean landmarks) {
        float[] prob = o.prob().toFloatArray();
        float[] reg = o.regression().toFloatArray();
        float[] pts = landmarks ? o.landmarks().toFloatArray() : null;
        List<FaceBox> kept = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            float score = prob[2 * i + 1];
            if (score > threshold) {
                FaceBox b = boxes.get(i).withScoreAndRegression(score,
                        new float[] {reg[4 * i], reg[4 * i + 1], reg[4 * i + 2], reg[4 * i + 3]});
                if (landmarks) {
                    float w = b.x2() - b.x1() + 1;
                    float h = b.y2() - b.y1() + 1;
                    float[] p = new float[10];
                    for (int k = 0; k < 5; k++) {
                        p[2 * k] = w * pts[10 * i + k] + b.x1() - 1;
                        p[2 * k + 1] = h * pts[10 * i + 5 + k] + b.y1() - 1;
                    }
                    b = b.withLandmarks(p);
                }
                kept.add(b);
            }
        }
        return kept;
    }

    /**
     * The crops of {@code boxes} (truncated to whole pixels and clipped to the image, 1-based as MT-CNN's
     * {@code pad}) resized to {@code side x side} as a normalised batch; {@code used} receives the boxes whose crop
     * is not empty, in batch order.
     */
    private static Tensor crops(RgbImage image, List<FaceBox> boxes, int side, boolean transposed, List<FaceBox> used) {
        List<int[]> windows = new ArrayList<>();
        for (FaceBox b : boxes) {
            int x = Math.max(1, (int) b.x1());
            int y = Math.max(1, (int) b.y1());
            int ex = Math.min(image.width(), (int) b.x2());
            int ey = Math.min(image.height(), (int) b.y2());
            if (ey > y - 1 && ex > x - 1) {
                windows.add(new int[] {y - 1, ey, x - 1, ex});
                used.add(b);
            }
        }
        int per = 3 * side * side;
        float[] data = new float[windows.size() * per];
        for (int i = 0; i < windows.size(); i++) {
            int[] w = windows.get(i);
            image.resampleInto(w[0], w[1], w[2], w[3], side, side, transposed, data, i * per);
        }
        return Tensor.ofFloats(Shape.of(windows.size(), 3, side, side), data);
    }

    private static Map<String, Tensor> result(List<FaceBox> boxes) {
        float[] b = new float[boxes.size() * 5];
        float[] p = new float[boxes.size() * 10];
        for (int i = 0; i < boxes.size(); i++) {
            FaceBox f = boxes.get(i);
            b[5 * i] = f.x1();
            b[5 * i + 1] = f.y1();
            b[5 * i + 2] = f.x2();
            b[5 * i + 3] = f.y2();
            b[5 * i + 4] = f.score();
            if (f.landmarks() != null) {
                System.arraycopy(f.landmarks(), 0, p, 10 * i, 10);
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(BOXES, Tensor.ofFloats(Shape.of(boxes.size(), 5), b));
        out.put(LANDMARKS, Tensor.ofFloats(Shape.of(boxes.size(), 10), p));
        return out;
    }
}
