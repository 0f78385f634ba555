package org.pot4j.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which samples of a data loader an engine visits, in which order and in batches of which size, as POT's
 * {@code BatchSampler}: the last batch may be shorter.
 */
public final class Sampler {
    private final int[] indices;
    private final int batchSize;

    private Sampler(int[] indices, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("negative sample index " + i);
            }
        }
        this.indices = indices;
        this.batchSize = batchSize;
    }

    /**
     * Samples {@code 0..count-1} in order.
     *
     * @param count     the number of samples
     * @param batchSize the most samples in a batch, at least 1
     * @return the sampler
     * @throws IllegalArgumentException when {@code batchSize} is below 1
     */
    public static Sampler sequential(int count, int batchSize) {
        int[] idx = new int[count];
        Arrays.setAll(idx, i -> i);
        return new Sampler(idx, batchSize);
    }

    /**
     * The given sample indices in the given order.
     *
     * @param indices   the samples to visit (copied), none negative
     * @param batchSize the most samples in a batch, at least 1
     * @return the sampler
     * @throws IllegalArgumentException when an index is negative or {@code batchSize} is below 1
     */
    public static Sampler of(int[] indices, int batchSize) {
        return new Sampler(indices.clone(), batchSize);
    }

    /** {@return a copy of the sample indices, in visiting order} */
    public int[] indices() {
        return indices.clone();
    }

    /** {@return the most samples in a batch; only the last batch may hold fewer} */
    public int batchSize() {
        return batchSize;
    }

    /** {@return the number of samples (not batches)} */
    public int size() {
        return indices.length;
    }

    /** {@return the batches: consecutive runs of at most {@link #batchSize()} indices, each a new array} */
    public List<int[]> batches() {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < indices.length; from += batchSize) {
            out.add(Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batchSize)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Sampler[" + indices.length + " samples, batch " + batchSize + "]";
    }
}
