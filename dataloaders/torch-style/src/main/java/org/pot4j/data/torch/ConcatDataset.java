package org.pot4j.data.torch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Several data sets one after another, as {@code torch.utils.data.ConcatDataset}. */
public final class ConcatDataset<T> implements Dataset<T> {
    private final List<Dataset<? extends T>> parts;
    /** {@code ends[k]} = number of samples in parts 0..k; searched to find a sample's part. */
    private final int[] ends;

    public ConcatDataset(List<? extends Dataset<? extends T>> parts) {
        this.parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        this.ends = new int[this.parts.size()];
        int total = 0;
        for (int k = 0; k < ends.length; k++) {
            total = Math.addExact(total, this.parts.get(k).size());
            ends[k] = total;
        }
    }

    @SafeVarargs
    public static <T> ConcatDataset<T> of(Dataset<? extends T>... parts) {
        return new ConcatDataset<>(Arrays.asList(parts));
    }

    @Override
    public int size() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    @Override
    public T get(int index) {
        Objects.checkIndex(index, size());
        int k = Arrays.binarySearch(ends, index + 1);
        if (k < 0) {
            k = -k - 1;
        } else {
            // several parts may end at the same count (empty parts): take the first one holding the sample
            while (k > 0 && ends[k - 1] == index + 1) {
                k--;
            }
        }
        int start = k == 0 ? 0 : ends[k - 1];
        return parts.get(k).get(index - start);
    }

    @Override
    public String toString() {
        return "concatenation of " + parts.size() + " data sets";
    }
}
