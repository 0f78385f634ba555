package org.pot4j.data.image;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The layout of a model's image input. The loader emits samples without the batch dimension, so {@code NCHW} and
 * {@code CHW} both give {@code [C,H,W]} tensors and {@code NHWC} and {@code HWC} give {@code [H,W,C]}.
 */
public enum ImageLayout {
    NCHW(4, true),
    NHWC(4, false),
    CHW(3, true),
    HWC(3, false);

    private final int rank;
    private final boolean channelsFirst;

    ImageLayout(int rank, boolean channelsFirst) {
        this.rank = rank;
        this.channelsFirst = channelsFirst;
    }

    /** The rank of the model input this layout describes (with the batch dimension for N layouts). */
    public int rank() {
        return rank;
    }

    public boolean channelsFirst() {
        return channelsFirst;
    }

    /** Axis of C, H and W within a model input shape of this layout. */
    int channelAxis() {
        return channelsFirst ? rank - 3 : rank - 1;
    }

    int heightAxis() {
        return channelsFirst ? rank - 2 : rank - 3;
    }

    int widthAxis() {
        return channelsFirst ? rank - 1 : rank - 2;
    }

    /** Parses NCHW, NHWC, CHW or HWC (case-insensitive); empty for anything else. */
    static Optional<ImageLayout> parse(String text) {
        for (ImageLayout l : values()) {
            if (l.name().equals(text.toUpperCase(Locale.ROOT))) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The layout guessed from a model input shape as POT does: a channel dimension of 1 or 3 right after the batch
     * (or first, for rank 3) means channels first, one at the end means channels last; channels first wins a tie.
     */
    static Optional<ImageLayout> guess(List<Long> shape) {
        if (shape.size() == 4) {
            if (isColorDim(shape.get(1))) {
                return Optional.of(NCHW);
            }
            if (isColorDim(shape.get(3))) {
                return Optional.of(NHWC);
            }
        } else if (shape.size() == 3) {
            if (isColorDim(shape.get(0))) {
                return Optional.of(CHW);
            }
            if (isColorDim(shape.get(2))) {
                return Optional.of(HWC);
            }
        }
        return Optional.empty();
    }

    private static boolean isColorDim(long d) {
        return d == 1 || d == 3;
    }
}
