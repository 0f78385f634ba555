package org.pot4j.onnx.view;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;

/**
 * The ONNX schemas of the ops pot4j maps (every version in effect at opsets 7..21), and the node check ONNX's checker
 * and ONNX Runtime make against them: the op exists at the model's opset, input and output counts are in range,
 * required inputs and outputs are not the empty name, and every attribute is one the op has, of its type, once,
 * with the required ones present. A misspelt attribute ({@code stzides}) would otherwise be ignored and its default
 * used. The table is {@code onnx-op-schemas.tsv} beside this class, written by {@code tools/onnx_op_schemas.py}
 * from ONNX's own schemas.
 */
public final class OnnxOpSchemas {
    /** The table's resource, beside this class. */
    static final String RESOURCE = "onnx-op-schemas.tsv";

    private static volatile OnnxOpSchemas standard;

    /** One formal input or output: its name and whether it may be absent ({@code ?}) or repeats ({@code ...}). */
    public record Param(String name, boolean optional, boolean variadic) {
        static Param parse(String s) {
            if (s.endsWith("...")) {
                return new Param(s.substring(0, s.length() - 3), false, true);
            }
            if (s.endsWith("?")) {
                return new Param(s.substring(0, s.length() - 1), true, false);
            }
            return new Param(s, false, false);
        }
    }

    /** One version of an op: the opset it applies {@code since}, its inputs, outputs and attributes. */
    public record Schema(String op, int since, int minInputs, int maxInputs, List<Param> inputs, int minOutputs,
                  int maxOutputs, List<Param> outputs, Map<String, AttributeType> attributes, Set<String> required) {
        /** {@code Conv-11}, for messages. */
        public String label() {
            return op + "-" + since;
        }
    }

    private final Map<String, TreeMap<Integer, Schema>> byOp;

    private OnnxOpSchemas(Map<String, TreeMap<Integer, Schema>> byOp) {
        this.byOp = byOp;
    }

    /** The table shipped with pot4j. */
    public static OnnxOpSchemas standard() {
        OnnxOpSchemas s = standard;
        if (s == null) {
            try (InputStream in = OnnxOpSchemas.class.getResourceAsStream(RESOURCE)) {
                s = parse(Objects.requireNonNull(in, RESOURCE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = s;
        }
        return s;
    }

    /** The table from its text (tab-separated; {@code #} starts a comment line). */
    static OnnxOpSchemas parse(InputStream in) throws IOException {
        Map<String, TreeMap<Integer, Schema>> byOp = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new IllegalStateException(RESOURCE + ": not 7 fields: " + line);
            }
            int[] ins = range(f[2]);
            int[] outs = range(f[4]);
            Map<String, AttributeType> attributes = new LinkedHashMap<>();
            Set<String> required = new HashSet<>();
            for (String a : words(f[6])) {
                int colon = a.indexOf(':');
                boolean req = a.endsWith("!");
                String name = a.substring(0, colon);
                attributes.put(name, AttributeType.valueOf(a.substring(colon + 1, req ? a.length() - 1 : a.length())));
                if (req) {
                    required.add(name);
                }
            }
            Schema s = new Schema(f[0], Integer.parseInt(f[1]), ins[0], ins[1], params(f[3]), outs[0], outs[1],
                    params(f[5]), Collections.unmodifiableMap(attributes), Collections.unmodifiableSet(required));
            byOp.computeIfAbsent(s.op(), k -> new TreeMap<>()).put(s.since(), s);
        }
        return new OnnxOpSchemas(byOp);
    }

    private static int[] range(String s) {
        int dots = s.indexOf("..");
        String hi = s.substring(dots + 2);
        return new int[] {Integer.parseInt(s.substring(0, dots)), hi.equals("*") ? Integer.MAX_VALUE : Integer.parseInt(hi)};
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split(" "));
    }

    private static List<Param> params(String s) {
        List<Param> out = new ArrayList<>();
        for (String w : words(s)) {
            out.add(Param.parse(w));
        }
        return List.copyOf(out);
    }

    /** The op types the table has. */
    public Set<String> opTypes() {
        return Collections.unmodifiableSet(byOp.keySet());
    }

    /** The version of {@code op} in effect at {@code opset}: the one with the largest since-version not above it. */
    public Optional<Schema> schema(String op, long opset) {
        TreeMap<Integer, Schema> versions = byOp.get(op);
        if (versions == null) {
            return Optional.empty();
        }
        Map.Entry<Integer, Schema> e = versions.floorEntry((int) Math.min(opset, Integer.MAX_VALUE));
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /**
     * Checks every node of the default domain of {@code model}'s main graph whose op the table has (the ops pot4j
     * maps) against its schema at the model's opset. Run on files as they are read, not on the documents pot4j's own
     * edits make step by step (a QuantizeLinear is added to an opset 9 model before its opset is raised).
     *
     * @throws ModelFormatException naming {@code file}, the node ({@code <OpType>_<index>} when unnamed) and what does
     *                              not fit
     */
    public void check(Path file, ModelProto model) {
        long opset = OnnxReader.defaultOpset(model);
        List<NodeProto> nodes = model.getGraph().getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (!(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))) {
                continue;
            }
            try {
                check(n, opset);
            } catch (IllegalArgumentException e) {
                String name = n.getName().isEmpty() ? n.getOpType() + "_" + i : n.getName();
                throw ModelFormatException.atNode(file, name, n.getOpType() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Checks {@code node} (of the default domain) against its op's schema at {@code opset}; ops the table does not
     * have are not checked.
     *
     * @throws IllegalArgumentException saying what does not fit the schema (the builder adds the file and node)
     */
    public void check(NodeProto node, long opset) {
        String op = node.getOpType();
        TreeMap<Integer, Schema> versions = byOp.get(op);
        if (versions == null) {
            return;
        }
        Schema s = schema(op, opset).orElseThrow(() -> new IllegalArgumentException("there is no " + op
                + " in opset " + opset + " (it exists from opset " + versions.firstKey() + ")"));
        checkInputs(node, s);
        checkOutputs(node, s);
        checkAttributes(node, s);
    }

    private static void checkInputs(NodeProto node, Schema s) {
        int n = node.getInputCount();
        if (n < s.minInputs() || n > s.maxInputs()) {
            throw new IllegalArgumentException(n + " inputs, " + s.label() + " takes " + count(s.minInputs(), s.maxInputs()));
        }
        for (int i = 0; i < n; i++) {
            Param p = s.inputs().get(Math.min(i, s.inputs().size() - 1));
            // stricter than ONNX's checker for variadic inputs: an empty name there is no value to read
            if (node.getInput(i).isEmpty() && !(p.optional() && i < s.inputs().size())) {
                throw new IllegalArgumentException("input " + i + " ('" + p.name() + "') is the empty name, but "
                        + s.label() + " requires it");
            }
        }
    }

    private static void checkOutputs(NodeProto node, Schema s) {
        int n = node.getOutputCount();
        if (n < s.minOutputs() || n > s.maxOutputs()) {
            throw new IllegalArgumentException(n + " outputs, " + s.label() + " has " + count(s.minOutputs(), s.maxOutputs()));
        }
        for (int i = 0; i < n && i < s.outputs().size(); i++) {
            Param p = s.outputs().get(i);
            if (node.getOutput(i).isEmpty() && !p.optional()) {
                throw new IllegalArgumentException("output " + i + " ('" + p.name() + "') is the empty name, but "
                        + s.label() + " requires it");
            }
        }
    }

    private static void checkAttributes(NodeProto node, Schema s) {
        Set<String> seen = new HashSet<>();
        for (AttributeProto a : node.getAttributeList()) {
            String name = a.getName();
            if (!seen.add(name)) {
                throw new IllegalArgumentException("attribute '" + name + "' is given twice");
            }
            AttributeType want = s.attributes().get(name);
            if (want == null) {
                throw new IllegalArgumentException("unknown attribute '" + name + "' (" + s.label() + " has "
                        + (s.attributes().isEmpty() ? "no attributes" : String.join(", ", s.attributes().keySet())) + ")");
            }
            AttributeType have = typeOf(a);
            if (have != want) {
                throw new IllegalArgumentException("attribute '" + name + "' is " + (have == null ? "without a value"
                        : have.name()) + ", " + s.label() + " takes " + want.name());
            }
        }
        for (String r : s.required()) {
            if (!seen.contains(r)) {
                throw new IllegalArgumentException("the required attribute '" + r + "' of " + s.label() + " is missing");
            }
        }
    }

    /** The attribute's declared type, or for files that leave it UNDEFINED the one field that is set (else null). */
    private static AttributeType typeOf(AttributeProto a) {
        if (a.getType() != AttributeType.UNDEFINED) {
            return a.getType();
        }
        List<AttributeType> set = new ArrayList<>();
        addIf(set, a.hasF(), AttributeType.FLOAT);
        addIf(set, a.hasI(), AttributeType.INT);
        addIf(set, a.hasS(), AttributeType.STRING);
        addIf(set, a.hasT(), AttributeType.TENSOR);
        addIf(set, a.hasG(), AttributeType.GRAPH);
        addIf(set, a.hasSparseTensor(), AttributeType.SPARSE_TENSOR);
        addIf(set, a.hasTp(), AttributeType.TYPE_PROTO);
        addIf(set, a.getFloatsCount() > 0, AttributeType.FLOATS);
        addIf(set, a.getIntsCount() > 0, AttributeType.INTS);
        addIf(set, a.getStringsCount() > 0, AttributeType.STRINGS);
        addIf(set, a.getTensorsCount() > 0, AttributeType.TENSORS);
        addIf(set, a.getGraphsCount() > 0, AttributeType.GRAPHS);
        addIf(set, a.getSparseTensorsCount() > 0, AttributeType.SPARSE_TENSORS);
        addIf(set, a.getTypeProtosCount() > 0, AttributeType.TYPE_PROTOS);
        return set.size() == 1 ? set.get(0) : null;
    }

    private static void addIf(List<AttributeType> set, boolean present, AttributeType type) {
        if (present) {
            set.add(type);
        }
    }

    private static String count(int min, int max) {
        return min == max ? String.valueOf(min) : min + ".." + (max == Integer.MAX_VALUE ? "any number" : String.valueOf(max));
    }
}
