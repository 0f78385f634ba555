package org.pot4j.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ConfigurationExceptionTest {
    @Test
    void aKeyPlacedUnderItsParentKeepsItsReason() {
        ConfigurationException e = new ConfigurationException("params.preset", "'x' is not one of a, b");
        ConfigurationException placed = e.under("compression.algorithms[0]");
        assertEquals("compression.algorithms[0].params.preset", placed.keyPath());
        assertEquals("'x' is not one of a, b", placed.reason());
        assertEquals("compression.algorithms[0].params.preset: 'x' is not one of a, b", placed.getMessage());
        assertSame(e, placed.getCause());
    }

    @Test
    void emptyPathsJoinWithoutDots() {
        assertEquals("compression", new ConfigurationException("", "bad").under("compression").keyPath());
        assertEquals("params.x", new ConfigurationException("params.x", "bad").under("").keyPath());
        assertEquals("bad", new ConfigurationException("", "bad").getMessage());
    }
}
