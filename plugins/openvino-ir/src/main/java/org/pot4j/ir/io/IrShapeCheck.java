package org.pot4j.ir.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrEdge;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.shape.IrShapeInference;
import org.pot4j.ir.shape.ShapeInferenceException;

/**
 * Checks the declared port shapes of a read document: each input port against the output that feeds it, Parameter
 * and Const outputs against their {@code shape} attribute, and the outputs of the ops {@link IrShapeInference} knows
 * against the shapes inferred from their inputs. Each layer is checked against its producers' declared shapes, so
 * the first wrong layer in file order is the one named.
 */
final class IrShapeCheck {
    /** Consts with more elements are not read as Reshape targets, orders or axes. */
    private static final int MAX_CONSTANT_VALUES = 64;

    private final IrDocument doc;
    private final BiFunction<IrLayer, String, ModelFormatException> fail;
    private final Map<Long, IrEdge> edgeInto = new HashMap<>();

    /**
     * @param fail builds the exception for a layer and a message (adds the file, the layer and its line)
     */
    IrShapeCheck(IrDocument doc, BiFunction<IrLayer, String, ModelFormatException> fail) {
        this.doc = doc;
        this.fail = fail;
        for (IrEdge e : doc.edges()) {
            edgeInto.put(key(e.toLayer(), e.toInput()), e);
        }
    }

    void run() {
        for (IrLayer layer : doc.layers()) {
            List<Shape> inputs = inputShapes(layer);
            switch (layer.type()) {
                case "Parameter": checkAttributeShape(layer, "shape"); break;
                case IrLayer.CONST: checkAttributeShape(layer, "shape"); break;
                default: checkInferred(layer, inputs);
            }
        }
    }

    /** The producers' declared shapes, after checking each input port declares the same. */
    private List<Shape> inputShapes(IrLayer layer) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < layer.inputs().size(); i++) {
            IrEdge e = edgeInto.get(key(layer.id(), i));
            IrLayer producer = doc.requireLayer(e.fromLayer());
            IrPort out = producer.output(e.fromOutput());
            Shape fed = out.shape();
            Shape declared = layer.input(i).shape();
            if (!compatible(declared, fed)) {
                throw fail.apply(layer, "input port " + portId(layer.input(i)) + " declares " + declared + " but "
                        + producer.describe() + " output port " + portId(out) + " gives " + fed);
            }
            shapes.add(fed);
        }
        return shapes;
    }

    private void checkAttributeShape(IrLayer layer, String attribute) {
        Optional<String> raw = layer.data(attribute);
        if (raw.isEmpty() || layer.outputs().isEmpty() || raw.get().contains("...")) {
            return;
        }
        Shape expected;
        try {
            expected = IrLayer.parseShapeAttribute(raw.get());
        } catch (IllegalArgumentException e) {
            throw fail.apply(layer, attribute + " '" + raw.get() + "': " + e.getMessage());
        }
        Shape declared = layer.output(0).shape();
        if (!compatible(declared, expected)) {
            throw fail.apply(layer, "output port " + portId(layer.output(0)) + " declares " + declared + " but its "
                    + attribute + " attribute says " + expected);
        }
    }

    private void checkInferred(IrLayer layer, List<Shape> inputs) {
        Optional<List<Shape>> inferred;
        try {
            inferred = IrShapeInference.infer(layer, inputs, index -> constantInput(layer, index));
        } catch (ShapeInferenceException e) {
            throw fail.apply(layer, e.getMessage() + " (inputs " + inputs + ")");
        } catch (ArithmeticException e) {
            throw fail.apply(layer, "the output dims of inputs " + inputs + " overflow a 64-bit integer");
        }
        if (inferred.isEmpty()) {
            return;
        }
        List<Shape> shapes = inferred.get();
        for (int o = 0; o < Math.min(shapes.size(), layer.outputs().size()); o++) {
            Shape declared = layer.output(o).shape();
            if (!compatible(declared, shapes.get(o))) {
                throw fail.apply(layer, "output port " + portId(layer.output(o)) + " declares " + declared
                        + " but the inputs " + inputs + " give " + shapes.get(o));
            }
        }
    }

    /** The integer values of a small Const feeding input {@code index} of {@code layer}. */
    private Optional<long[]> constantInput(IrLayer layer, int index) {
        IrEdge e = edgeInto.get(key(layer.id(), index));
        if (e == null) {
            return Optional.empty();
        }
        IrLayer c = doc.requireLayer(e.fromLayer());
        if (!c.isConst() || c.constData().isEmpty()) {
            return Optional.empty();
        }
        ElementType type = c.constElementType();
        if (type.isFloatingPoint() || type.isPacked() || type == ElementType.BOOLEAN) {
            return Optional.empty();
        }
        ByteBuffer data = c.constData().get();
        int width = type.bitWidth() / 8;
        int n = data.remaining() / width;
        if (n > MAX_CONSTANT_VALUES) {
            return Optional.empty();
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            int at = i * width;
            switch (type) {
                case I8: values[i] = data.get(at); break;
                case U8: values[i] = data.get(at) & 0xff; break;
                case I16: values[i] = data.getShort(at); break;
                case U16: values[i] = data.getShort(at) & 0xffff; break;
                case I32: values[i] = data.getInt(at); break;
                case U32: values[i] = data.getInt(at) & 0xffffffffL; break;
                default: values[i] = data.getLong(at); break;
            }
        }
        return Optional.of(values);
    }

    private static boolean compatible(Shape a, Shape b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (a.dim(i) != b.dim(i) && a.dim(i) != Shape.DYNAMIC && b.dim(i) != Shape.DYNAMIC) {
                return false;
            }
        }
        return true;
    }

    private static String portId(IrPort port) {
        return port.originalId().orElse("?");
    }

    private static long key(int layer, int port) {
        return ((long) layer << 32) | (port & 0xffffffffL);
    }
}
