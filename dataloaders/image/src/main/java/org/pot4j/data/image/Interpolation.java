package org.pot4j.data.image;

import java.util.Locale;
import java.util.Optional;

/** The resize filter, named as OpenCV names its {@code INTER_*} flags; {@link #LINEAR} is cv2.resize's default. */
public enum Interpolation {
    NEAREST(0),
    LINEAR(1),
    CUBIC(2),
    AREA(3),
    LANCZOS4(4);

    private final int cvFlag;

    Interpolation(int cvFlag) {
        this.cvFlag = cvFlag;
    }

    /** OpenCV's {@code INTER_*} value (kept here as a number so that naming a filter never loads OpenCV). */
    int cvFlag() {
        return cvFlag;
    }

    static Optional<Interpolation> parse(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        for (Interpolation i : values()) {
            if (i.name().equals(t) || ("INTER_" + i.name()).equals(t)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
