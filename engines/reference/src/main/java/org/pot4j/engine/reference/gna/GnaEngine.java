package org.pot4j.engine.reference.gna;

import java.util.Map;
import java.util.Optional;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.ReferenceEngine;
import org.pot4j.engine.reference.ReferenceEngineOptions;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.engine.reference.plan.ValueStorage;

/**
 * Emulates GNA's integer arithmetic on a quantized model: the reference engine's plan, with every MatMul between
 * FakeQuantizes run as a GNA affine layer ({@link GnaAffineKernel}: int16 inputs, int8/int16 weights, int32
 * saturating accumulator) and everything else in FP32 (activation functions exactly, not GNA's piecewise-linear
 * approximations). {@link #counters()} tells which MatMuls ran in integers and how many accumulators saturated.
 */
public final class GnaEngine implements Engine {
    private final GnaCounters counters = new GnaCounters();
    private final ReferenceEngine plan;

    GnaEngine(ReferenceEngineOptions options, System.Logger log) {
        KernelRegistry standard = KernelRegistry.standard();
        KernelRegistry gna = standard.with(OpKinds.MAT_MUL,
                GnaAffineKernel.factory(counters, standard.factory(OpKinds.MAT_MUL).orElseThrow()));
        this.plan = new ReferenceEngine(GnaEngineFactory.NAME, gna, ValueStorage.F32, options, log);
    }

    @Override
    public String name() {
        return GnaEngineFactory.NAME;
    }

    /** Compiles {@code model}; the counters start again from zero. */
    @Override
    public void setModel(Model model) {
        counters.reset();
        plan.setModel(model);
    }

    @Override
    public Optional<Model> model() {
        return plan.model();
    }

    @Override
    public Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
        return plan.infer(inputs, observer);
    }

    /** What ran in integers since the model was set, and how many accumulators saturated. */
    public GnaCounters counters() {
        return counters;
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return type.isInstance(counters) ? Optional.of(type.cast(counters)) : plan.extension(type);
    }

    @Override
    public void close() {
        plan.close();
    }
}
