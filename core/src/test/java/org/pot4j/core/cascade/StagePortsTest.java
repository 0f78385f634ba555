package org.pot4j.core.cascade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class StagePortsTest {
    private static final Reduction MAX = Reduction.perTensor(Reduction.Kind.MAX);
    private static final Map<String, Model> STAGES = stages();

    private static Map<String, Model> stages() {
        Map<String, Model> m = new LinkedHashMap<>();
        m.put("a", TestModels.doubler("a", -1));
        m.put("b", TestModels.doubler("b", 4));
        return m;
    }

    @Test
    void portsAreSplitPerStageWithTheStagesOwnNames() {
        Map<PortRef, Set<Reduction>> asked = new LinkedHashMap<>();
        asked.put(PortRef.of("b/x"), Set.of(MAX));
        asked.put(PortRef.of("b/double"), Set.of());
        Map<String, StagePorts> split = StagePorts.split(new RecordingObserver(asked), STAGES, "cut");
        assertEquals(List.of("b"), List.copyOf(split.keySet()), "stage a observes nothing");
        assertEquals(Map.of(PortRef.of("x"), Set.of(MAX), PortRef.of("double"), Set.of()), split.get("b").ports());
        assertEquals(split.get("b").ports(), split.get("b").rows(1, 4).ports());
        assertTrue(StagePorts.split(PortObserver.NONE, STAGES, "cut").isEmpty());
    }

    @Test
    void portsOutsideTheCascadeAreNamed() {
        for (PortRef port : List.of(PortRef.of("x"), PortRef.of("/x"), PortRef.of("c/x"), PortRef.of("a/y"),
                new PortRef("a/double", 1))) {
            EngineException e = assertThrows(EngineException.class, () -> StagePorts.split(
                    new RecordingObserver(Map.of(port, Set.of())), STAGES, "cut"));
            assertTrue(e.getMessage().startsWith("engine 'cut': port " + port), e.getMessage());
        }
    }

    @Test
    void wholeValuesArriveOneRealRowAtATimeUnderTheQualifiedPort() {
        RecordingObserver cascade = new RecordingObserver(Map.of(PortRef.of("b/x"), Set.of()));
        PortObserver stage = StagePorts.split(cascade, STAGES, "cut").get("b").rows(2, 4);
        // rows 1 and 2 are real, the last two padding
        stage.whole(PortRef.of("x"), Tensor.ofFloats(Shape.of(4, 2), 1, 1, 2, 2, 0, 0, 0, 0));
        assertEquals(2, cascade.calls.size());
        for (int r = 0; r < 2; r++) {
            RecordingObserver.Call call = cascade.calls.get(r);
            assertEquals(PortRef.of("b/x"), call.port());
            assertNull(call.reduction());
            assertEquals(Shape.of(1, 2), call.shape());
            assertArrayEquals(new float[] {r + 1, r + 1}, call.values());
        }
    }

    @Test
    void reducedValuesArriveOneRealRowAtATime() {
        RecordingObserver cascade = new RecordingObserver(Map.of(PortRef.of("a/double"), Set.of(MAX)));
        PortObserver stage = StagePorts.split(cascade, STAGES, "cut").get("a").rows(3, 3);
        stage.reduced(PortRef.of("double"), MAX, Tensor.ofFloats(Shape.of(3), 5, 6, 7));
        assertEquals(3, cascade.calls.size());
        for (int r = 0; r < 3; r++) {
            assertEquals(MAX, cascade.calls.get(r).reduction());
            assertEquals(Shape.of(1), cascade.calls.get(r).shape());
            assertArrayEquals(new float[] {5 + r}, cascade.calls.get(r).values());
        }
        EngineException e = assertThrows(EngineException.class,
                () -> stage.reduced(PortRef.of("double"), MAX, Tensor.ofFloats(Shape.of(2), 5, 6)));
        assertTrue(e.getMessage().contains("stage 'a'") && e.getMessage().contains("double:0"), e.getMessage());
    }

    @Test
    void aValueWithoutTheBatchAxisIsPassedOnWhole() {
        RecordingObserver cascade = new RecordingObserver(Map.of(PortRef.of("b/double"), Set.of()));
        PortObserver stage = StagePorts.split(cascade, STAGES, "cut").get("b").rows(1, 4);
        stage.whole(PortRef.of("double"), Tensor.ofFloats(Shape.of(8), 1, 2, 3, 4, 5, 6, 7, 8));
        assertEquals(1, cascade.calls.size());
        assertEquals(Shape.of(8), cascade.calls.get(0).shape());
    }

    @Test
    void validRowsMustBeWithinTheBatch() {
        StagePorts b = StagePorts.split(new RecordingObserver(Map.of(PortRef.of("b/x"), Set.of())), STAGES, "cut")
                .get("b");
        assertThrows(IllegalArgumentException.class, () -> b.rows(0, 4));
        assertThrows(IllegalArgumentException.class, () -> b.rows(5, 4));
    }
}
