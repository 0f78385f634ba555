package org.pot4j.cli.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;

/**
 * The shape each model input is fed at: the model's own (POT's habit), with {@code --input-shape} values filling its
 * dynamic dimensions. Axis 0 is the batch: a dynamic batch stays dynamic (the samples and {@code --batch} decide it).
 */
public final class InputShapes {
    /** Most elements one sample of one input may have (1 GiB as f32): larger sizes are refused before allocating. */
    public static final long MAX_ELEMENTS = 1L << 28;
    /** Largest single dimension accepted from the command line. */
    public static final long MAX_DIM = 1L << 24;

    private InputShapes() {
    }

    /**
     * One {@code --input-shape} value.
     *
     * @param name the input it names, empty for {@code 1,3,48,320} (a single-input model)
     * @param dims the dimensions, each positive
     * @param text the value as typed, for messages
     */
    public record Given(Optional<String> name, List<Long> dims, String text) {
        public Given {
            dims = List.copyOf(dims);
        }
    }

    /**
     * One model input as the command line feeds it.
     *
     * @param name    the input's name (its Parameter node's)
     * @param aliases the names it answers to: the node name and its tensor names
     * @param model   the shape the model declares
     * @param shape   the shape fed: the model's with the given dimensions (axis 0 may stay dynamic)
     * @param type    the element type the model takes
     * @param given   whether {@code --input-shape} named it
     */
    public record Input(String name, Set<String> aliases, Shape model, Shape shape, ElementType type, boolean given) {
        public Input {
            aliases = Set.copyOf(aliases);
        }

        /** The shape of one sample: {@link #shape()} without the batch axis. */
        public Shape sampleShape() {
            long[] d = shape.dims();
            return Shape.of(java.util.Arrays.copyOfRange(d, Math.min(1, d.length), d.length));
        }

        /** The dynamic axes past the batch. */
        public List<Integer> dynamicAxes() {
            List<Integer> axes = new ArrayList<>();
            for (int i = 1; i < shape.rank(); i++) {
                if (shape.dim(i) == Shape.DYNAMIC) {
                    axes.add(i);
                }
            }
            return axes;
        }
    }

    /**
     * Parses {@code name=1,3,48,320} or {@code 1,3,48,320}.
     *
     * @throws BadCommandLineException saying what is wrong with the value
     */
    public static Given parse(String text) {
        String value = text.trim();
        Optional<String> name = Optional.empty();
        int eq = value.lastIndexOf('=');
        if (eq >= 0) {
            name = Optional.of(value.substring(0, eq).trim());
            value = value.substring(eq + 1).trim();
            if (name.get().isEmpty()) {
                throw new BadCommandLineException("--input-shape '" + text + "': the input name before '=' is empty");
            }
        }
        if (value.isEmpty()) {
            throw new BadCommandLineException("--input-shape '" + text + "': no dimensions; expected e.g. "
                    + name.map(n -> n + "=").orElse("") + "1,3,224,224");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : value.replace('x', ',').split(",", -1)) {
            long d;
            try {
                d = Long.parseLong(part.trim());
            } catch (NumberFormatException e) {
                throw new BadCommandLineException("--input-shape '" + text + "': '" + part.trim()
                        + "' is not a whole number; expected e.g. " + name.map(n -> n + "=").orElse("") + "1,3,224,224");
            }
            if (d < 1 || d > MAX_DIM) {
                throw new BadCommandLineException("--input-shape '" + text + "': dimension " + dims.size() + " is " + d
                        + "; each dimension must be between 1 and " + MAX_DIM);
            }
            dims.add(d);
        }
        return new Given(name, dims, text);
    }

    /**
     * The inputs of {@code model} with the given shapes applied.
     *
     * @throws BadCommandLineException for an unknown or repeated input name, an unnamed shape for a model with
     *                                 several inputs, a wrong rank, a fixed dimension that differs, or a sample larger
     *                                 than {@link #MAX_ELEMENTS}
     */
    public static List<Input> resolve(Model model, List<Given> given) {
        List<Node> parameters = model.graph().parameters();
        List<Input> inputs = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Node p : parameters) {
            Set<String> aliases = new LinkedHashSet<>();
            aliases.add(p.name());
            aliases.addAll(p.output(0).tensorNames());
            Shape declared = p.output(0).shape();
            Optional<Given> mine = Optional.empty();
            for (Given g : given) {
                boolean matches = g.name().map(aliases::contains).orElse(parameters.size() == 1);
                if (matches) {
                    if (mine.isPresent()) {
                        throw new BadCommandLineException("--input-shape is given twice for input '" + p.name() + "': '"
                                + mine.get().text() + "' and '" + g.text() + "'");
                    }
                    mine = Optional.of(g);
                    used.add(g.text());
                }
            }
            Shape shape = mine.isPresent() ? apply(p.name(), declared, mine.get()) : declared;
            inputs.add(new Input(p.name(), aliases, declared, shape, p.output(0).elementType(), mine.isPresent()));
        }
        for (Given g : given) {
            if (!used.contains(g.text())) {
                String names = parameters.stream().map(n -> n.name() + " " + n.output(0).shape())
                        .collect(Collectors.joining(", "));
                throw new BadCommandLineException(g.name().isEmpty()
                        ? "--input-shape '" + g.text() + "' has no input name, but model '" + model.name() + "' has "
                                + parameters.size() + " inputs (" + names + "); write NAME=" + g.text()
                        : "--input-shape '" + g.text() + "': model '" + model.name() + "' has no input '"
                                + g.name().get() + "'; its inputs are " + names);
            }
        }
        for (Input in : inputs) {
            checkSize(in.name(), in.sampleShape(), in.given() ? "--input-shape (one sample)" : "the model's input shape");
        }
        return inputs;
    }

    /**
     * Throws unless every input's dimensions past the batch are known, saying which input and dimension and how to
     * give them.
     *
     * @param what what needs the sizes, such as "images are resized to the input size"
     */
    public static void requireStatic(List<Input> inputs, String what) {
        for (Input in : inputs) {
            List<Integer> axes = in.dynamicAxes();
            if (!axes.isEmpty()) {
                long[] example = in.shape().dims();
                for (int i = 0; i < example.length; i++) {
                    if (example[i] == Shape.DYNAMIC) {
                        example[i] = i == 0 ? 1 : 224;
                    }
                }
                String dims = java.util.Arrays.stream(example).mapToObj(Long::toString).collect(Collectors.joining(","));
                throw new BadCommandLineException("input '" + in.name() + "' has the dynamic shape " + in.model()
                        + " (dimension" + (axes.size() > 1 ? "s " : " ") + axes.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + "); " + what + ", so give "
                        + (axes.size() > 1 ? "them" : "it") + ": --input-shape " + in.name() + "=" + dims
                        + " (your sizes in place of the " + (axes.size() > 1 ? "224s" : "224") + ")");
            }
        }
    }

    /**
     * Throws when a tensor of {@code shape} (its known dimensions) would exceed {@link #MAX_ELEMENTS} elements.
     *
     * @param source where the shape comes from, for the message ({@code --input-shape}, {@code --batch 16})
     */
    public static void checkSize(String input, Shape shape, String source) {
        long count = 1;
        for (long d : shape.dims()) {
            if (d > 0) {
                count = multiplyOrMax(count, d);
            }
        }
        if (count > MAX_ELEMENTS) {
            throw new BadCommandLineException(source + ", input '" + input + "': " + shape + " has "
                    + (count == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(count)) + " elements, more than the "
                    + MAX_ELEMENTS + " pot4j accepts (1 GiB as f32)");
        }
    }

    static long multiplyOrMax(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Shape apply(String input, Shape declared, Given g) {
        if (g.dims().size() != declared.rank()) {
            throw new BadCommandLineException("--input-shape '" + g.text() + "': input '" + input + "' has rank "
                    + declared.rank() + " " + declared + ", but " + g.dims().size() + " dimension"
                    + (g.dims().size() == 1 ? " was" : "s were") + " given");
        }
        long[] dims = declared.dims();
        for (int i = 0; i < dims.length; i++) {
            long want = g.dims().get(i);
            if (dims[i] == Shape.DYNAMIC) {
                // a dynamic batch stays dynamic: the samples and --batch decide it
                dims[i] = i == 0 ? Shape.DYNAMIC : want;
            } else if (dims[i] != want) {
                throw new BadCommandLineException("--input-shape '" + g.text() + "': dimension " + i + " of input '"
                        + input + "' is fixed to " + dims[i] + " by the model " + declared + ", but " + want
                        + " was given; only its dynamic dimensions (?) can be chosen");
            }
        }
        return Shape.of(dims);
    }
}
