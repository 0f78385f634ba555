package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;

/**
 * Einsum to OpenVINO's Einsum-7 ({@code equation}, spaces removed). The output shape is inferred for explicit
 * equations without {@code ...} (the other forms leave it to value_info). Equations the engine cannot parse fail
 * there, naming the node and equation.
 */
final class OnnxEinsumMapper {
    private OnnxEinsumMapper() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Einsum", OnnxEinsumMapper::einsum);
    }

    static void einsum(OnnxNodeContext c) {
        String equation = c.attr().string("equation", "").replace(" ", "");
        if (equation.isEmpty()) {
            throw c.fail("the equation is missing");
        }
        List<PortRef> inputs = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) {
            inputs.add(c.in(i));
        }
        c.emit("Einsum", Attributes.of(Map.of("equation", equation)), inputs, outputShape(c, equation), c.type(0));
    }

    private static Shape outputShape(OnnxNodeContext c, String equation) {
        int arrow = equation.indexOf("->");
        if (arrow < 0 || equation.contains("...")) {
            return null;
        }
        String[] terms = equation.substring(0, arrow).split(",", -1);
        if (terms.length != c.inputCount()) {
            throw c.fail("equation '" + equation + "' has " + terms.length + " operands, the node "
                    + c.inputCount() + " inputs");
        }
        Map<Character, Long> sizes = new HashMap<>();
        for (int i = 0; i < terms.length; i++) {
            Shape s = c.shape(i);
            if (s == null) {
                return null;
            }
            if (s.rank() != terms[i].length()) {
                throw c.fail("equation '" + equation + "': term '" + terms[i] + "' does not fit input " + i
                        + " of shape " + s);
            }
            for (int d = 0; d < s.rank(); d++) {
                sizes.merge(terms[i].charAt(d), s.dim(d), (a, b) -> a == Shape.DYNAMIC || a == 1 ? b : a);
            }
        }
        String out = equation.substring(arrow + 2);
        long[] d = new long[out.length()];
        for (int i = 0; i < d.length; i++) {
            Long n = sizes.get(out.charAt(i));
            if (n == null) {
                throw c.fail("equation '" + equation + "': output label '" + out.charAt(i) + "' is in no operand");
            }
            d[i] = n;
        }
        return Shape.of(d);
    }
}
