package org.pot4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownFailuresTest {
    @Test
    void readsEntriesWithReasonsAndSkipsComments() {
        KnownFailures k = KnownFailures.parse("# header\n\n test_a  # wrong sign \ntest_b #reason two\n", "list");
        assertEquals(Map.of("test_a", "wrong sign", "test_b", "reason two"), k.entries());
        assertEquals("wrong sign", k.reason("test_a").orElseThrow());
        assertFalse(k.reason("test_c").isPresent());
    }

    @Test
    void refusesAnEntryWithoutAReasonNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnownFailures.parse("test_a # ok\ntest_b\n", "list"));
        assertTrue(e.getMessage().contains("list line 2"), e.getMessage());
    }

    @Test
    void refusesADuplicate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnownFailures.parse("test_a # one\ntest_a # two\n", "list"));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void theShippedListParses() {
        KnownFailures.load().entries().forEach((name, reason) -> assertTrue(name.startsWith("test_"), name));
    }
}
