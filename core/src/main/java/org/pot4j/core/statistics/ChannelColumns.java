package org.pot4j.core.statistics;

import java.util.Arrays;

/** The per-sample reduced values of a pass, one growable column per channel: O(samples x channels), never activations. */
final class ChannelColumns {
    private double[][] columns;
    private int size;

    void append(double[][] perSample) {
        if (perSample.length == 0) {
            return;
        }
        int channels = perSample[0].length;
        if (columns == null) {
            columns = new double[channels][16];
        } else if (columns.length != channels) {
            throw new IllegalArgumentException("a batch has " + channels + " channels, earlier batches had " + columns.length);
        }
        if (size + perSample.length > columns[0].length) {
            int capacity = Math.max(columns[0].length * 2, size + perSample.length);
            for (int c = 0; c < channels; c++) {
                columns[c] = Arrays.copyOf(columns[c], capacity);
            }
        }
        for (double[] sample : perSample) {
            for (int c = 0; c < channels; c++) {
                columns[c][size] = sample[c];
            }
            size++;
        }
    }

    int channels() {
        return columns == null ? 0 : columns.length;
    }

    int size() {
        return size;
    }

    /** A copy of channel {@code c}'s values, exactly {@link #size()} long. */
    double[] column(int c) {
        return Arrays.copyOf(columns[c], size);
    }
}
