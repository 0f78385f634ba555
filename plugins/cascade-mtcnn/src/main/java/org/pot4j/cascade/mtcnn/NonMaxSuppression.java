package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keep the best-scoring box, drop those overlapping it by more than a threshold. */
final class NonMaxSuppression {
    /** How overlap is measured. */
    enum Overlap {
        /** Intersection over union, sides {@code x2 - x1} (torchvision's nms, used within and across P-Net scales and after R-Net). */
        UNION,
        /** Intersection over the smaller box, sides {@code x2 - x1 + 1} (MT-CNN's final O-Net suppression). */
        MIN
    }

    private NonMaxSuppression() {
    }

    /** The kept boxes, best score first. */
    static List<FaceBox> select(List<FaceBox> boxes, float threshold, Overlap overlap) {
        List<FaceBox> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        float offset = overlap == Overlap.MIN ? 1f : 0f;
        boolean[] dropped = new boolean[sorted.size()];
        List<FaceBox> kept = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (dropped[i]) {
                continue;
            }
            FaceBox a = sorted.get(i);
            kept.add(a);
            float areaA = a.area(offset);
            for (int j = i + 1; j < sorted.size(); j++) {
                if (dropped[j]) {
                    continue;
                }
                FaceBox b = sorted.get(j);
                float iw = Math.max(0f, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + offset);
                float ih = Math.max(0f, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + offset);
                float inter = iw * ih;
                float areaB = b.area(offset);
                float denominator = overlap == Overlap.MIN ? Math.min(areaA, areaB) : areaA + areaB - inter;
                if (denominator > 0 && inter / denominator > threshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept;
    }
}
