package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;

/**
 * LSTM, GRU and RNN kept under their ONNX names, inputs and attributes as ONNX has them: OpenVINO's
 * LSTMSequence/GRUSequence/RNNSequence put the batch first and order LSTM gates f,i,c,o, so the same node cannot
 * carry ONNX's layout (its importer inserts transposes and reorders weights). Outputs Y, Y_h (, Y_c) with shapes
 * from X, {@code direction}, {@code hidden_size} and {@code layout}.
 */
final class OnnxRecurrentMappers {
    private OnnxRecurrentMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("LSTM", c -> recurrent(c, 3));
        m.put("GRU", c -> recurrent(c, 2));
        m.put("RNN", c -> recurrent(c, 2));
    }

    private static void recurrent(OnnxNodeContext c, int outputs) {
        List<PortRef> inputs = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) {
            inputs.add(c.in(i));
        }
        String direction = c.attr().string("direction", "forward");
        long dirs = direction.equals("bidirectional") ? 2 : 1;
        boolean batchFirst = c.attr().longValue("layout", 0) != 0;
        long hidden = c.attr().longValue("hidden_size", Shape.DYNAMIC);
        Shape x = c.shape(0);
        List<Shape> shapes = new ArrayList<>(Collections.nCopies(outputs, (Shape) null));
        if (x != null && x.rank() == 3) {
            long seq = batchFirst ? x.dim(1) : x.dim(0);
            long batch = batchFirst ? x.dim(0) : x.dim(1);
            shapes.set(0, batchFirst ? Shape.of(batch, seq, dirs, hidden) : Shape.of(seq, dirs, batch, hidden));
            Shape state = batchFirst ? Shape.of(batch, dirs, hidden) : Shape.of(dirs, batch, hidden);
            for (int i = 1; i < outputs; i++) {
                shapes.set(i, state);
            }
        }
        List<ElementType> types = Collections.nCopies(outputs, c.type(0));
        c.emitAll(c.opType(), Attributes.of(c.attr().asPlainValues()), inputs, shapes, types);
    }
}
