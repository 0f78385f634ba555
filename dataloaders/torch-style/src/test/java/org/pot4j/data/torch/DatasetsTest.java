package org.pot4j.data.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    /** Samples 0..n-1 offset by {@code base}. */
    static Dataset<Integer> numbers(int base, int n) {
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Integer get(int index) {
                return base + java.util.Objects.checkIndex(index, n);
            }

            @Override
            public String toString() {
                return "numbers from " + base;
            }
        };
    }

    @Test
    void subsetPicksIndicesInOrder() {
        Subset<Integer> s = new Subset<>(numbers(100, 10), 7, 2, 2);
        assertEquals(3, s.size());
        assertEquals(List.of(107, 102, 102), List.of(s.get(0), s.get(1), s.get(2)));
        assertArrayEquals(new int[] {7, 2, 2}, s.indices());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(numbers(0, 3), 3));
        Subset<Integer> r = Subset.range(numbers(0, 10), 4, 6);
        assertEquals(List.of(4, 5), List.of(r.get(0), r.get(1)));
    }

    @Test
    void concatRunsPartsOneAfterAnotherSkippingEmptyOnes() {
        ConcatDataset<Integer> c = ConcatDataset.of(numbers(0, 2), numbers(10, 0), numbers(20, 3), numbers(30, 0), numbers(40, 1));
        assertEquals(6, c.size());
        int[] got = new int[6];
        for (int i = 0; i < 6; i++) {
            got[i] = c.get(i);
        }
        assertArrayEquals(new int[] {0, 1, 20, 21, 22, 40}, got);
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(6));
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(-1));
        assertEquals(0, new ConcatDataset<Integer>(List.of()).size());
    }

    @Test
    void mapAppliesTheTransformOnAccess() {
        Dataset<String> s = numbers(5, 2).map(i -> "#" + i);
        assertEquals(2, s.size());
        assertEquals("#6", s.get(1));
    }
}
