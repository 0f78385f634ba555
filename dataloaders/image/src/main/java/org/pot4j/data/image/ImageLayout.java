package org.pot4j.data.image;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The layout of a model's image input. The loader emits samples without the batch dimension, so {@code NCHW} and
 * {@code CHW} both give {@code [C,H,W]} tensors and {@code NHWC} and {@code HWC} give {@code [H,W,C]}.
 * {@link ImageTensors} keeps the batch axis of the N layouts instead: {@code [1,C,H,W]} and {@code [1,H,W,C]}.
 */
public enum ImageLayout {
    /** Batch, channels, rows, columns. */
    NCHW(4, true),
    /** Batch, rows, columns, channels. */
    NHWC(4, false),
    /** Channels, rows, columns. */
    CHW(3, true),
    /** Rows, columns, channels. */
    HWC(3, false);

    private final int rank;
    private final boolean channelsFirst;

    ImageLayout(int rank, boolean channelsFirst) {
        this.rank = rank;
        this.channelsFirst = channelsFirst;
    }

    /**
     * The rank of the model input this layout describes (with the batch dimension for N layouts).
     *
     * @return 4 for {@code NCHW} and {@code NHWC}, 3 for {@code CHW} and {@code HWC}
     */
    public int rank() {
        return rank;
    }

    /**
     * Whether channels come before rows and columns.
     *
     * @return true for {@code NCHW} and {@code CHW}
     */
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
     * The layout guessed from a model input shape as POT does: a channel dimension of 1 or 3 (or 4, for BGRA images)
     * right after the batch (or first, for rank 3) means channels first, one at the end means channels last; channels
     * first wins a tie, and 1 or 3 wins over 4 ({@code [1,3,4,4]} is NCHW, {@code [1,4,8,3]} NHWC).
     */
    static Optional<ImageLayout> guess(List<Long> shape) {
        if (shape.size() != 4 && shape.size() != 3) {
            return Optional.empty();
        }
        boolean batched = shape.size() == 4;
        long first = shape.get(batched ? 1 : 0);
        long last = shape.get(shape.size() - 1);
        ImageLayout channelsFirst = batched ? NCHW : CHW;
        ImageLayout channelsLast = batched ? NHWC : HWC;
        if (first == 1 || first == 3) {
            return Optional.of(channelsFirst);
        }
        if (last == 1 || last == 3) {
            return Optional.of(channelsLast);
        }
        if (first == 4) {
            return Optional.of(channelsFirst);
        }
        if (last == 4) {
            return Optional.of(channelsLast);
        }
        return Optional.empty();
    }
}
