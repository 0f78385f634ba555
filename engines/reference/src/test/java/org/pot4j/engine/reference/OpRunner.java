package org.pot4j.engine.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Builds a one-op graph (each input a Parameter or a Const) and runs it on the reference engine. */
final class OpRunner {
    private final String kind;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<Object[]> inputs = new ArrayList<>();
    private int outputs = 1;
    private ElementType outputType = ElementType.F32;
    private Map<String, Object> config = Map.of("threads", 2);

    private OpRunner(String kind) {
        this.kind = kind;
    }

    static OpRunner op(String kind) {
        return new OpRunner(kind);
    }

    OpRunner attr(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** An input fed at run time. */
    OpRunner input(Tensor t) {
        inputs.add(new Object[] {t, false});
        return this;
    }

    /** An input from a Const node. */
    OpRunner constant(Tensor t) {
        inputs.add(new Object[] {t, true});
        return this;
    }

    /** An absent optional input. */
    OpRunner absent() {
        inputs.add(null);
        return this;
    }

    OpRunner outputs(int n) {
        this.outputs = n;
        return this;
    }

    /** The element type the graph declares for the op's outputs (QuantizeLinear reads it). */
    OpRunner outputType(ElementType t) {
        this.outputType = t;
        return this;
    }

    OpRunner config(Map<String, Object> c) {
        this.config = c;
        return this;
    }

    GraphModel model() {
        GraphBuilder b = new GraphBuilder();
        List<PortRef> refs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Object[] in = inputs.get(i);
            if (in == null) {
                refs.add(null);
                continue;
            }
            Tensor t = (Tensor) in[0];
            String name = "in" + i;
            if ((Boolean) in[1]) {
                b.addConstant(name, t);
            } else {
                b.add(name, OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                        List.of(new OutputPort(0, t.shape(), t.elementType(), List.of(name))));
            }
            refs.add(PortRef.of(name));
        }
        List<OutputPort> outs = new ArrayList<>();
        for (int p = 0; p < outputs; p++) {
            outs.add(new OutputPort(p, Shape.of(Shape.DYNAMIC), outputType, List.of("out" + p)));
        }
        b.add("op", kind, Attributes.of(attributes), refs, outs);
        for (int p = 0; p < outputs; p++) {
            b.add("result" + p, OpKinds.RESULT, Attributes.EMPTY, List.of(new PortRef("op", p)), List.of());
        }
        return new GraphModel(kind, b.build());
    }

    Map<String, Tensor> runAll() {
        Map<String, Tensor> feed = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Object[] in = inputs.get(i);
            if (in != null && !(Boolean) in[1]) {
                feed.put("in" + i, (Tensor) in[0]);
            }
        }
        try (Engine e = engine(config)) {
            e.setModel(model());
            return e.infer(feed);
        }
    }

    Tensor run() {
        return runAll().get("out0");
    }

    float[] floats() {
        return run().toFloatArray();
    }

    static Engine engine(Map<String, Object> config) {
        return new ReferenceEngineFactory().create(EngineSettings.cpu(config), null);
    }

    static Tensor f(float[] values, long... dims) {
        return Tensor.ofFloats(values, dims);
    }

    static Tensor l(long... values) {
        return Tensor.ofLongs(Shape.of(values.length), values);
    }
}
