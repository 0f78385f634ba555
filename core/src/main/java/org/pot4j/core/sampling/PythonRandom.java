package org.pot4j.core.sampling;

import java.math.BigInteger;

/**
 * CPython's {@code random.Random} as far as POT's {@code shuffle_data} uses it ({@code random.seed(seed)}, then
 * {@code random.sample(range(n), k)}), bit for bit: the Mersenne Twister MT19937 seeded by {@code init_by_array} with
 * the 32-bit words of {@code |seed|} (least significant first; seed 0 is the key {@code [0]}), {@code getrandbits},
 * {@code _randbelow} by rejection on {@code n.bit_length()} bits, and {@code sample}'s two strategies (a shrinking
 * pool when the population is small compared with k, else rejection of repeats). Checked against CPython 3.11's
 * values in {@code PythonRandomTest}; the algorithms are the same in every CPython 3.x that POT ran on.
 * Not thread-safe.
 */
public final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    /** The generator after {@code random.seed(seed)}. */
    public PythonRandom(long seed) {
        BigInteger n = BigInteger.valueOf(seed).abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The next 32 random bits, as an unsigned value ({@code genrand_uint32}). */
    long nextUint32() {
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) * 0x9908b0df);
            }
            for (; kk < N - 1; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) * 0x9908b0df);
            }
            int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) * 0x9908b0df);
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** {@code getrandbits(k)} for {@code 1 <= k <= 32}. */
    long getrandbits(int k) {
        if (k < 1 || k > 32) {
            throw new IllegalArgumentException("bits must be 1..32, got " + k);
        }
        return nextUint32() >>> (32 - k);
    }

    /** {@code _randbelow(n)}: uniform in {@code [0, n)}. */
    public int randbelow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(bits);
        while (r >= n) {
            r = getrandbits(bits);
        }
        return (int) r;
    }

    /** {@code random.sample(range(population), k)}: k distinct indices in the order they were drawn. */
    public int[] sample(int population, int k) {
        if (k < 0 || k > population) {
            throw new IllegalArgumentException("sample of " + k + " from a population of " + population);
        }
        int[] result = new int[k];
        int setSize = 21;
        if (k > 5) {
            setSize += (int) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
        }
        if (population <= setSize) {
            int[] pool = new int[population];
            for (int i = 0; i < population; i++) {
                pool[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = randbelow(population - i);
                result[i] = pool[j];
                pool[j] = pool[population - i - 1];
            }
        } else {
            java.util.Set<Integer> selected = new java.util.HashSet<>();
            for (int i = 0; i < k; i++) {
                int j = randbelow(population);
                while (selected.contains(j)) {
                    j = randbelow(population);
                }
                selected.add(j);
                result[i] = j;
            }
        }
        return result;
    }
}
