package org.pot4j.core.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.AlgorithmSequence;
import org.pot4j.core.pipeline.Pipeline;

class PerStageAlgorithmTest {
    private static final Statistic MAX = new Statistic() {
        @Override
        public String name() {
            return "max_max";
        }

        @Override
        public Accumulator newAccumulator() {
            throw new UnsupportedOperationException();
        }
    };

    /** Asks for max at node "in" of every model, and appends the max it got to the model's text. */
    static final class Annotating implements Algorithm {
        final List<String> seen = new ArrayList<>();
        int subset = 300;

        @Override
        public String name() {
            return "Annotating";
        }

        @Override
        public StatisticsPlan statistics(Model model) {
            return new StatisticsPlan(StatisticsRequest.builder().add(PortRef.of("in"), MAX).build(),
                    model.name().equals("odd") ? 7 : subset, 1);
        }

        @Override
        public Model run(Model model, Engine engine, CollectedStatistics statistics) {
            seen.add(model.name() + " " + statistics.asMap().keySet());
            float max = statistics.require(PortRef.of("in"), "max_max").getFloat(0);
            return new CascadeModelTest.TextModel(model.name(), ((CascadeModelTest.TextModel) model).text + max);
        }
    }

    @Test
    void eachStageGetsItsOwnStatisticsUnderLocalPorts() {
        CascadeModel c = new CascadeModel("c", List.of(new CascadeModelTest.TextModel("pnet", "P"),
                new CascadeModelTest.TextModel("rnet", "R")));
        Annotating inner = new Annotating();
        PerStageAlgorithm algorithm = new PerStageAlgorithm(inner);
        Algorithm.StatisticsPlan plan = algorithm.statistics(c);
        assertEquals(List.of(PortRef.of("pnet/in"), PortRef.of("rnet/in")), List.copyOf(plan.request().ports()));
        assertEquals(300, plan.subsetSize());

        CollectedStatistics collected = new CollectedStatistics(Map.of(
                PortRef.of("pnet/in"), Map.of("max_max", Tensor.scalar(1f)),
                PortRef.of("rnet/in"), Map.of("max_max", Tensor.scalar(2f))));
        CascadeModel out = (CascadeModel) algorithm.run(c, null, collected);
        assertEquals(List.of("pnet [in:0]", "rnet [in:0]"), inner.seen);
        assertEquals("P1.0", ((CascadeModelTest.TextModel) out.stage("pnet")).text);
        assertEquals("R2.0", ((CascadeModelTest.TextModel) out.stage("rnet")).text);
        assertEquals("P", ((CascadeModelTest.TextModel) c.stage("pnet")).text, "the input cascade is unchanged");
        assertEquals("Annotating", algorithm.name());
    }

    @Test
    void stagesMustAgreeOnTheSubset() {
        CascadeModel c = new CascadeModel("c", List.of(new CascadeModelTest.TextModel("pnet", "P"),
                new CascadeModelTest.TextModel("odd", "O")));
        AlgorithmException e = assertThrows(AlgorithmException.class, () -> new PerStageAlgorithm(new Annotating())
                .statistics(c));
        assertTrue(e.getMessage().contains("'pnet' and 'odd'"), e.getMessage());
    }

    @Test
    void aSequenceIsAdaptedStepByStepSoThatEachStepKeepsItsPass() {
        Annotating first = new Annotating();
        Annotating second = new Annotating();
        PerStageAlgorithm adapted = new PerStageAlgorithm(second);
        Algorithm sequence = PerStageAlgorithm.of(new AlgorithmSequence("AB", List.of(first, adapted)));
        AlgorithmSequence steps = assertInstanceOf(AlgorithmSequence.class, sequence);
        assertEquals("AB", steps.name());
        assertInstanceOf(PerStageAlgorithm.class, steps.steps().get(0));
        assertSame(adapted, steps.steps().get(1), "a step already adapted is kept");
        assertEquals(List.of(steps.steps().get(0), adapted), Pipeline.create(List.of(sequence),
                InferenceLoop.of(new NoEngine(), new NoSamples())).algorithms(), "the pipeline sees both steps");
        assertSame(adapted, PerStageAlgorithm.of(adapted));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PerStageAlgorithm(new AlgorithmSequence("AB", List.of(first))));
        assertTrue(e.getMessage().contains("PerStageAlgorithm.of"), e.getMessage());
    }

    /** Never runs: the pipeline above is only asked for its steps. */
    static final class NoEngine implements Engine {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public void setModel(Model model) {
            throw new UnsupportedOperationException("not run");
        }

        @Override
        public Optional<Model> model() {
            return Optional.empty();
        }

        @Override
        public Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
            throw new UnsupportedOperationException("not run");
        }
    }

    /** No samples. */
    static final class NoSamples implements DataLoader {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public DataItem get(int index) {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
