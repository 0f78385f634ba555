package org.pot4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The contract every {@link Engine} passes. Subclass it with the engine's factory, a model and a data loader whose
 * samples fit the model (at least two samples). Engines only infer: the contract runs inferences and observes a port,
 * whole and reduced in the runtime.
 */
public abstract class EngineContractTest {
    protected abstract EngineFactory factory();

    protected abstract Model model();

    protected abstract DataLoader dataLoader();

    /** The settings the engine is created with (CPU, no options). */
    protected EngineSettings settings() {
        return EngineSettings.cpu();
    }

    /** Where the contract observes: by default the producer of the first model output. */
    protected PortRef statisticPort(Model model) {
        Node result = model.graph().results().get(0);
        return result.input(0).orElseThrow();
    }

    /** The relative tolerance for values computed at different batch sizes or reduced in the runtime. */
    protected double tolerance() {
        return 1e-4;
    }

    private Engine engine() {
        return factory().create(settings(), new TestPluginContext());
    }

    @Test
    void hasAName() {
        assertFalse(factory().name().isBlank());
        try (Engine e = engine()) {
            assertEquals(factory().name(), e.name());
            assertTrue(e.model().isEmpty(), "no model before setModel");
        }
    }

    @Test
    void inferReturnsEveryOutput() {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            Map<String, Tensor> out = e.infer(batch(0));
            assertEquals(model.graph().results().size(), out.size(), "one tensor per model output: " + out.keySet());
        }
    }

    @Test
    void inferWithAnUnknownInputNameFailsNamingIt() {
        try (Engine e = engine()) {
            e.setModel(model());
            Tensor t = batch(0).values().iterator().next();
            Pot4jException ex = assertThrows(Pot4jException.class, () -> e.infer(Map.of("no-such-input", t)));
            assertTrue(ex.getMessage().contains("no-such-input"), ex.getMessage());
        }
    }

    @Test
    void observerSeesTheWholeValueOncePerInference() {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            PortRef port = statisticPort(model);
            RecordingObserver observer = RecordingObserver.whole(port);
            e.infer(batch(0, 1), observer);
            assertEquals(1, observer.wholeAt(port).size(), "one whole value per inference");
            assertEquals(2, observer.wholeAt(port).get(0).shape().dim(0), "the value carries the batch of 2");
        }
    }

    @Test
    void observingAPortThatIsNotInTheModelFailsNamingIt() {
        try (Engine e = engine()) {
            e.setModel(model());
            RecordingObserver observer = RecordingObserver.whole(new PortRef("no-such-node", 0));
            Pot4jException ex = assertThrows(Pot4jException.class, () -> e.infer(batch(0), observer));
            assertTrue(ex.getMessage().contains("no-such-node"), ex.getMessage());
        }
    }

    @Test
    void reductionsInTheRuntimeAgreeWithTheWholeValue() {
        Set<Reduction> moments = new LinkedHashSet<>();
        Set<Reduction> quantiles = new LinkedHashSet<>();
        for (Reduction.Kind kind : Reduction.Kind.values()) {
            if (kind.isQuantile()) {
                for (double q : new double[] {1e-4, 0.5, 1 - 1e-4}) {
                    quantiles.add(Reduction.quantile(kind, q, Reduction.PER_TENSOR));
                    quantiles.add(Reduction.quantile(kind, q, 1));
                }
            } else {
                moments.add(Reduction.perTensor(kind));
                moments.add(Reduction.perChannel(kind, 1));
            }
        }
        checkReductions(moments);
        checkReductions(quantiles);
    }

    /** One inference observing the port with {@code reductions}: each once and equal to the whole value's, or whole. */
    private void checkReductions(Set<Reduction> reductions) {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            PortRef port = statisticPort(model);
            Map<String, Tensor> inputs = batch(0, 1);
            RecordingObserver plain = RecordingObserver.whole(port);
            e.infer(inputs, plain);
            Tensor whole = plain.wholeAt(port).get(0);
            RecordingObserver observer = new RecordingObserver(Map.of(port, reductions));
            e.infer(inputs, observer);
            if (!observer.wholeAt(port).isEmpty()) {
                assertEquals(1, observer.wholeAt(port).size(), "the whole value once, or every reduction once");
                for (Reduction r : reductions) {
                    assertTrue(observer.reducedAt(port, r).isEmpty(), "whole and reduced " + r + " at once");
                }
                return;
            }
            for (Reduction r : reductions) {
                if (!r.appliesToRank(whole.shape().rank())) {
                    continue;
                }
                List<Tensor> got = observer.reducedAt(port, r);
                assertEquals(1, got.size(), r + " once per inference");
                assertClose(HostReduction.of(r, whole), got.get(0), r + " at " + port);
            }
        }
    }

    @Test
    void batchingDoesNotChangeObservedValues() {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            PortRef port = statisticPort(model);
            RecordingObserver together = RecordingObserver.whole(port);
            e.infer(batch(0, 1), together);
            RecordingObserver apart = RecordingObserver.whole(port);
            e.infer(batch(0), apart);
            e.infer(batch(1), apart);
            Tensor both = together.wholeAt(port).get(0);
            assertClose(both.slice(0, 1), apart.wholeAt(port).get(0), "sample 0 in a batch of 2 vs alone");
            assertClose(both.slice(1, 2), apart.wholeAt(port).get(1), "sample 1 in a batch of 2 vs alone");
        }
    }

    /** The inputs of samples {@code indices}, each given a batch axis, concatenated on it. */
    protected Map<String, Tensor> batch(int... indices) {
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        for (int i : indices) {
            DataItem item = dataLoader().get(i);
            item.inputs().forEach((k, v) -> parts.computeIfAbsent(k, n -> new ArrayList<>()).add(addBatchAxis(v)));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, Tensor.concatBatch(v)));
        return out;
    }

    private void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + ": shape");
        float[] x = expected.toFloatArray();
        float[] y = actual.toFloatArray();
        for (int i = 0; i < x.length; i++) {
            double tol = tolerance() * Math.max(1, Math.abs(x[i]));
            assertEquals(x[i], y[i], tol, what + ": element " + i);
        }
    }

    /** Adds a leading batch axis of 1 to a sample tensor. */
    protected static Tensor addBatchAxis(Tensor t) {
        long[] dims = t.shape().dims();
        long[] withBatch = new long[dims.length + 1];
        withBatch[0] = 1;
        System.arraycopy(dims, 0, withBatch, 1, dims.length);
        return t.reshape(Shape.of(withBatch));
    }
}
