package org.pot4j.api.engine.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.PortRef;

class CascadePortsTest {
    @Test
    void nodeNamesMayContainTheSeparator() {
        PortRef q = CascadePorts.qualify("pnet", new PortRef("/conv1/Conv/bias", 0));
        assertEquals("pnet//conv1/Conv/bias", q.node());
        assertEquals("pnet", CascadePorts.stage(q));
        assertEquals(new PortRef("/conv1/Conv/bias", 0), CascadePorts.local(q));
        assertTrue(CascadePorts.isQualified(q));
        assertFalse(CascadePorts.isQualified(PortRef.of("conv1")));
        assertFalse(CascadePorts.isQualified(PortRef.of("/conv1")), "an empty stage name is no stage");
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.stage(PortRef.of("conv1")));
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.qualify("a/b", PortRef.of("x")));
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.qualify(" ", PortRef.of("x")));
    }

    @Test
    void stageNamesAreCheckedWithTheReason() {
        assertEquals("pnet", CascadePorts.checkStageName("pnet"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CascadePorts.checkStageName("p/net"));
        assertTrue(e.getMessage().contains("'p/net' contains '/'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.checkStageName(null));
        IllegalArgumentException unqualified = assertThrows(IllegalArgumentException.class,
                () -> CascadePorts.local(PortRef.of("conv1")));
        assertTrue(unqualified.getMessage().contains("conv1:0"), unqualified.getMessage());
    }
}
