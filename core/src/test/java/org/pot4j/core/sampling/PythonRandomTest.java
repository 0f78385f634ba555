package org.pot4j.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Gold values from CPython 3.11.7: {@code random.seed(s); r = random.sample(range(n), k)}, with the first eight
 * and last three of {@code r} and {@code sum((i + 1) * v for i, v in enumerate(r))}.
 */
class PythonRandomTest {
    private static void check(long seed, int n, int k, int[] first, int[] last, long checksum) {
        int[] r = new PythonRandom(seed).sample(n, k);
        assertArrayEquals(first, Arrays.copyOf(r, first.length), "seed " + seed + " first");
        assertArrayEquals(last, Arrays.copyOfRange(r, r.length - last.length, r.length), "seed " + seed + " last");
        long sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += (long) (i + 1) * r[i];
        }
        assertEquals(checksum, sum, "seed " + seed + " checksum");
    }

    @Test
    void poolStrategyMatchesCpython() {
        // k = 300 gives a set size of 21 + 4^5 = 1045 >= 1000: the shrinking pool
        check(0, 1000, 300, new int[] {864, 394, 776, 911, 430, 41, 265, 988}, new int[] {751, 604, 648}, 23327628);
        check(42, 1000, 300, new int[] {654, 114, 25, 759, 281, 250, 228, 142}, new int[] {674, 441, 362}, 23376610);
        check(0, 10, 5, new int[] {6, 9, 0, 2, 4}, new int[] {0, 2, 4}, 52);
        check(7, 26, 26, new int[] {10, 4, 12, 20, 1, 2, 17, 3}, new int[] {22, 5, 9}, 4766);
    }

    @Test
    void setStrategyAndLargeSeedsMatchCpython() {
        check(1, 5000, 300, new int[] {1100, 4662, 516, 2089, 965, 4058, 3682, 3868}, new int[] {669, 2185, 2989},
                114155769);
        check(123456789, 100000, 3, new int[] {84069, 57968, 71065}, new int[] {84069, 57968, 71065}, 413200);
        // a seed wider than 32 bits is two key words
        check((1L << 40) + 5, 500, 20, new int[] {258, 264, 137, 339, 474, 14, 271, 388}, new int[] {40, 407, 417},
                65250);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PythonRandom(0).sample(3, 4));
        assertThrows(IllegalArgumentException.class, () -> new PythonRandom(0).randbelow(0));
    }
}
