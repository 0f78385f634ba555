package org.pot4j.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
    @Test
    void lastBatchMayBeShort() {
        List<int[]> batches = Sampler.sequential(5, 2).batches();
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {4}, batches.get(2));
        assertEquals(5, Sampler.sequential(5, 2).size());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Sampler.sequential(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Sampler.of(new int[] {1, -1}, 1));
    }
}
