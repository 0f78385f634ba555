package org.pot4j.cascade.mtcnn;

/**
 * A candidate face in image pixels: corners, score, the regression the last stage predicted for it (dx1, dy1, dx2,
 * dy2 as fractions of the box size) and, after O-Net, five landmarks (x1..x5, y1..y5).
 */
record FaceBox(float x1, float y1, float x2, float y2, float score, float[] regression, float[] landmarks) {
    FaceBox(float x1, float y1, float x2, float y2, float score) {
        this(x1, y1, x2, y2, score, new float[4], null);
    }

    FaceBox withScoreAndRegression(float newScore, float[] reg) {
        return new FaceBox(x1, y1, x2, y2, newScore, reg, landmarks);
    }

    FaceBox withLandmarks(float[] points) {
        return new FaceBox(x1, y1, x2, y2, score, regression, points);
    }

    /**
     * The box moved by its regression, with sizes measured as {@code x2 - x1 + offset} (P-Net candidates use 0,
     * R-Net and O-Net boxes 1, as facenet-pytorch does).
     */
    FaceBox regressed(float offset) {
        float w = x2 - x1 + offset;
        float h = y2 - y1 + offset;
        return new FaceBox(x1 + regression[0] * w, y1 + regression[1] * h, x2 + regression[2] * w,
                y2 + regression[3] * h, score, regression, landmarks);
    }

    /** The square around the box's centre whose side is the box's longer side (MT-CNN's {@code rerec}). */
    FaceBox squared() {
        float w = x2 - x1;
        float h = y2 - y1;
        float l = Math.max(w, h);
        float nx = x1 + w * 0.5f - l * 0.5f;
        float ny = y1 + h * 0.5f - l * 0.5f;
        return new FaceBox(nx, ny, nx + l, ny + l, score, regression, landmarks);
    }

    /** The area with sides {@code x2 - x1 + offset}. */
    float area(float offset) {
        return (x2 - x1 + offset) * (y2 - y1 + offset);
    }
}
