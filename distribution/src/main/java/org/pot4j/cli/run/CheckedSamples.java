package org.pot4j.cli.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The samples of any loader checked against the model inputs the command line feeds, so a wrong file fails naming
 * the file, the input and what differs (name, shape, dtype) instead of deep in an engine. Samples come out without
 * a batch axis (an array saved with a leading batch of 1 loses it) and in the model's element type when the
 * conversion is exact in kind (integers to float, float to float, integer to i64/i32 in range), keyed by the model
 * input's name.
 */
public final class CheckedSamples implements DataLoader {
    private final DataLoader samples;
    private final List<InputShapes.Input> inputs;

    public CheckedSamples(DataLoader samples, List<InputShapes.Input> inputs) {
        this.samples = samples;
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public DataItem get(int index) {
        DataItem item = samples.get(index);
        String where = item.metadata().containsKey("file") ? String.valueOf(item.metadata().get("file"))
                : "sample " + index + " of " + samples.description();
        Map<String, Tensor> checked = new LinkedHashMap<>();
        List<String> fed = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : item.inputs().entrySet()) {
            InputShapes.Input input = inputOf(e.getKey(), item, where);
            if (fed.contains(input.name())) {
                throw new DataException(where + ": input '" + input.name() + "' is given twice (as "
                        + item.inputs().keySet() + ")");
            }
            fed.add(input.name());
            // keyed by the model input's name, so every engine and every command sees the same names
            checked.put(input.name(), check(input, e.getValue(), e.getKey(), where));
        }
        List<String> missing = inputs.stream().map(InputShapes.Input::name).filter(n -> !fed.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new DataException(where + ": no array for model input" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + " (it holds "
                    + names(item) + "; the model's inputs are " + modelInputs() + "; an .npz needs one entry per input"
                    + " name)");
        }
        return new DataItem(checked, item.annotation(), item.metadata());
    }

    @Override
    public String description() {
        return samples.description();
    }

    private InputShapes.Input inputOf(String key, DataItem item, String where) {
        if (DataItem.UNNAMED.equals(key)) {
            if (inputs.size() != 1) {
                throw new DataException(where + ": holds one unnamed array, but the model has " + inputs.size()
                        + " inputs " + modelInputs() + "; give an .npz with one entry per input name");
            }
            return inputs.get(0);
        }
        for (InputShapes.Input in : inputs) {
            if (in.aliases().contains(key)) {
                return in;
            }
        }
        throw new DataException(where + ": holds '" + key + "', which is not an input of the model (it holds "
                + names(item) + "; the model's inputs are " + modelInputs() + ")");
    }

    private static Tensor check(InputShapes.Input input, Tensor t, String key, String where) {
        String array = key.isEmpty() ? "the array" : "array '" + key + "'";
        Shape sample = input.sampleShape();
        Shape shape = t.shape();
        if (shape.rank() == sample.rank() + 1) {
            if (shape.dim(0) != 1) {
                throw new DataException(where + ": " + array + " of shape " + shape + " holds " + shape.dim(0)
                        + " samples on axis 0; input '" + input.name() + "' takes one sample " + sample
                        + " per file (or " + Shape.of(withBatch(sample.dims())) + ")");
            }
            shape = Shape.of(Arrays.copyOfRange(shape.dims(), 1, shape.rank()));
            t = t.reshape(shape);
        }
        boolean fits = shape.rank() == sample.rank();
        for (int i = 0; fits && i < sample.rank(); i++) {
            fits = sample.dim(i) == Shape.DYNAMIC || sample.dim(i) == shape.dim(i);
        }
        if (!fits) {
            throw new DataException(where + ": " + array + " has shape " + t.shape() + ", but input '" + input.name()
                    + "' takes " + sample + " per sample (input shape " + input.shape() + " without the batch axis"
                    + (input.given() ? ", from --input-shape" : "") + ")");
        }
        return convert(input, t, array, where);
    }

    private static long[] withBatch(long[] dims) {
        long[] b = new long[dims.length + 1];
        b[0] = 1;
        System.arraycopy(dims, 0, b, 1, dims.length);
        return b;
    }

    /** The tensor in the input's element type, when that does not change what the values mean. */
    private static Tensor convert(InputShapes.Input input, Tensor t, String array, String where) {
        ElementType want = input.type();
        ElementType have = t.elementType();
        if (want == have) {
            return t;
        }
        boolean haveBool = have == ElementType.BOOLEAN;
        boolean wantBool = want == ElementType.BOOLEAN;
        if (want.isFloatingPoint() && !haveBool) {
            return t.convert(want);
        }
        if (!want.isFloatingPoint() && !wantBool && !have.isFloatingPoint() && !haveBool) {
            if (want == ElementType.I64 && have != ElementType.U64) {
                return Tensor.ofLongs(t.shape(), t.toLongArray());
            }
            if (want == ElementType.I32) {
                long[] v = t.toLongArray();
                int[] ints = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                        throw new DataException(where + ": " + array + " holds " + v[i] + " at element " + i
                                + ", outside the i32 range of input '" + input.name() + "'");
                    }
                    ints[i] = (int) v[i];
                }
                return Tensor.ofInts(t.shape(), ints);
            }
        }
        throw new DataException(where + ": " + array + " has dtype " + have.irName() + ", but input '" + input.name()
                + "' takes " + want.irName() + "; save the array as " + want.irName());
    }

    private static String names(DataItem item) {
        return item.inputs().keySet().stream().map(k -> k.isEmpty() ? "one unnamed array" : "'" + k + "'")
                .collect(Collectors.joining(", "));
    }

    private String modelInputs() {
        return inputs.stream().map(in -> in.name() + " " + in.type().irName() + in.shape())
                .collect(Collectors.joining(", "));
    }
}
