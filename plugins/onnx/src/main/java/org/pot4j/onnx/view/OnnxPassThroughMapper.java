package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;

/**
 * Keeps an op pot4j has no mapper for under its ONNX op type (prefixed by its domain when not the default one), with
 * its attributes as plain values. Output shapes follow ONNX's rule for the op where {@link OnnxShapeRules} has one
 * (default-domain ops), else the file's value_info; an op with neither (a custom op) has outputs of unknown shape.
 */
final class OnnxPassThroughMapper implements OnnxOpMapper {
    static final OnnxPassThroughMapper INSTANCE = new OnnxPassThroughMapper();

    @Override
    public void map(OnnxNodeContext c) {
        String domain = c.proto().getDomain();
        String kind = domain.isEmpty() || domain.equals("ai.onnx") ? c.opType() : domain + "." + c.opType();
        List<PortRef> inputs = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) {
            inputs.add(c.in(i));
        }
        List<Shape> shapes = new ArrayList<>();
        List<ElementType> types = new ArrayList<>();
        boolean defaultDomain = domain.isEmpty() || domain.equals("ai.onnx");
        OnnxShapeRules.Outputs inferred = defaultDomain ? OnnxShapeRules.infer(c).orElse(null) : null;
        for (int i = 0; i < c.outputCount(); i++) {
            boolean known = inferred != null && i < inferred.shapes().size();
            shapes.add(known ? inferred.shapes().get(i) : null);
            types.add(known ? inferred.types().get(i) : null);
        }
        c.emitAll(kind, Attributes.of(c.attr().asPlainValues()), inputs, shapes, types);
    }
}
