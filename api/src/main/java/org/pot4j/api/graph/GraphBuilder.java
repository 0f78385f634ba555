package org.pot4j.api.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.tensor.Tensor;

/**
 * Builds an immutable {@link Graph}: add nodes in any order, then {@link #build()} checks that every input names an
 * existing node and output port, that names are unique and that there is no cycle, and sorts the nodes
 * topologically (stable: among ready nodes, the one added first comes first).
 *
 * <p>Format plugins use it for their neutral views; tests use it to make small graphs by hand.
 */
public final class GraphBuilder {
    private final Map<String, SimpleNode> nodes = new LinkedHashMap<>();

    /**
     * Adds a node; references between nodes are checked by {@link #build()}.
     *
     * @param name       the node's name, unique in the graph
     * @param kind       the canonical op kind (see {@link OpKinds})
     * @param nativeType the op type as the model file spells it; null means {@code kind}
     * @param attributes the attributes; null for none
     * @param inputs     producer output ports, one per input port; {@code null} marks an absent optional input
     * @param outputs    the output ports, in order
     * @param constant   the value of a Const node, or null
     * @return this builder
     * @throws GraphException when a node of that name was already added
     */
    public GraphBuilder add(String name, String kind, String nativeType, Attributes attributes, List<PortRef> inputs,
                            List<OutputPort> outputs, Tensor constant) {
        if (nodes.containsKey(name)) {
            throw new GraphException("node '" + name + "' is defined twice");
        }
        nodes.put(name, new SimpleNode(name, kind, nativeType == null ? kind : nativeType,
                attributes == null ? Attributes.EMPTY : attributes,
                Collections.unmodifiableList(new ArrayList<>(inputs)), List.copyOf(outputs), constant));
        return this;
    }

    /**
     * Adds a node whose native type is its kind, without a constant value.
     *
     * @param name       the node's name, unique in the graph
     * @param kind       the canonical op kind (see {@link OpKinds})
     * @param attributes the attributes; null for none
     * @param inputs     producer output ports, one per input port; {@code null} marks an absent optional input
     * @param outputs    the output ports, in order
     * @return this builder
     * @throws GraphException when a node of that name was already added
     */
    public GraphBuilder add(String name, String kind, Attributes attributes, List<PortRef> inputs, List<OutputPort> outputs) {
        return add(name, kind, kind, attributes, inputs, outputs, null);
    }

    /**
     * Adds a Const node with one output of the value's shape and type, tensor name {@code name}.
     *
     * @param name  the node's name, unique in the graph
     * @param value the constant
     * @return this builder
     * @throws GraphException when a node of that name was already added
     */
    public GraphBuilder addConstant(String name, Tensor value) {
        return add(name, OpKinds.CONST, OpKinds.CONST, Attributes.EMPTY, List.of(),
                List.of(new OutputPort(0, value.shape(), value.elementType(), List.of(name))), value);
    }

    /**
     * Tells whether a name is taken.
     *
     * @param name a node name
     * @return true when a node of that name was added
     */
    public boolean contains(String name) {
        return nodes.containsKey(name);
    }

    /**
     * Checks the nodes added so far and builds the graph.
     *
     * @return an immutable graph with the nodes in a stable topological order
     * @throws GraphException naming the node with a dangling input or the nodes of a cycle
     */
    public Graph build() {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        Map<PortRef, List<InputRef>> consumers = new HashMap<>();
        for (SimpleNode n : nodes.values()) {
            int count = 0;
            for (int i = 0; i < n.inputs.size(); i++) {
                PortRef in = n.inputs.get(i);
                if (in == null) {
                    continue;
                }
                SimpleNode producer = nodes.get(in.node());
                if (producer == null) {
                    throw new GraphException("node '" + n.name + "' input " + i + " refers to missing node '" + in.node() + "'");
                }
                if (in.port() >= producer.outputs.size()) {
                    throw new GraphException("node '" + n.name + "' input " + i + " refers to missing output port "
                            + in.port() + " of node '" + in.node() + "' (it has " + producer.outputs.size() + ")");
                }
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(new InputRef(n.name, i));
                dependents.computeIfAbsent(in.node(), k -> new ArrayList<>()).add(n.name);
                count++;
            }
            pending.put(n.name, count);
        }
        List<Node> order = new ArrayList<>(nodes.size());
        Deque<String> ready = new ArrayDeque<>();
        for (SimpleNode n : nodes.values()) {
            if (pending.get(n.name) == 0) {
                ready.add(n.name);
            }
        }
        // Kahn's algorithm; a priority by insertion index keeps the order stable and readable.
        Map<String, Integer> index = new HashMap<>();
        int k = 0;
        for (String name : nodes.keySet()) {
            index.put(name, k++);
        }
        java.util.PriorityQueue<String> queue = new java.util.PriorityQueue<>((a, b) -> Integer.compare(index.get(a), index.get(b)));
        queue.addAll(ready);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            order.add(nodes.get(name));
            for (String d : dependents.getOrDefault(name, List.of())) {
                int left = pending.merge(d, -1, Integer::sum);
                if (left == 0) {
                    queue.add(d);
                }
            }
        }
        if (order.size() != nodes.size()) {
            List<String> cyclic = new ArrayList<>();
            for (String name : nodes.keySet()) {
                if (pending.get(name) > 0) {
                    cyclic.add(name);
                }
            }
            throw new GraphException("the graph has a cycle through nodes " + cyclic.subList(0, Math.min(10, cyclic.size()))
                    + (cyclic.size() > 10 ? " and " + (cyclic.size() - 10) + " more" : ""));
        }
        Map<PortRef, List<InputRef>> frozen = new HashMap<>();
        consumers.forEach((p, l) -> frozen.put(p, List.copyOf(l)));
        return new SimpleGraph(List.copyOf(order), frozen);
    }

    /** A graph that is not well formed. Format plugins wrap it in an error naming their file. */
    public static final class GraphException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /**
         * An error in a graph's structure.
         *
         * @param message the node or nodes at fault and what is wrong
         */
        public GraphException(String message) {
            super(message);
        }
    }

    private static final class SimpleNode implements Node {
        private final String name;
        private final String kind;
        private final String nativeType;
        private final Attributes attributes;
        private final List<PortRef> inputs;
        private final List<OutputPort> outputs;
        private final Tensor constant;

        SimpleNode(String name, String kind, String nativeType, Attributes attributes, List<PortRef> inputs,
                   List<OutputPort> outputs, Tensor constant) {
            this.name = Objects.requireNonNull(name, "name");
            this.kind = Objects.requireNonNull(kind, "kind");
            this.nativeType = nativeType;
            this.attributes = attributes;
            this.inputs = inputs;
            this.outputs = outputs;
            this.constant = constant;
        }

        @Override public String name() { return name; }
        @Override public String kind() { return kind; }
        @Override public String nativeType() { return nativeType; }
        @Override public Attributes attributes() { return attributes; }
        @Override public int inputCount() { return inputs.size(); }
        @Override public Optional<PortRef> input(int port) { return Optional.ofNullable(inputs.get(port)); }
        @Override public List<OutputPort> outputs() { return outputs; }
        @Override public Optional<Tensor> constantValue() { return Optional.ofNullable(constant); }

        @Override
        public String toString() {
            return kind + " '" + name + "' " + Arrays.toString(inputs.toArray());
        }
    }

    private static final class SimpleGraph implements Graph {
        private final List<Node> nodes;
        private final Map<String, Node> byName = new HashMap<>();
        private final Map<PortRef, List<InputRef>> consumers;
        private final List<Node> parameters = new ArrayList<>();
        private final List<Node> results = new ArrayList<>();

        SimpleGraph(List<Node> nodes, Map<PortRef, List<InputRef>> consumers) {
            this.nodes = nodes;
            this.consumers = consumers;
            for (Node n : nodes) {
                byName.put(n.name(), n);
                if (OpKinds.PARAMETER.equals(n.kind())) {
                    parameters.add(n);
                } else if (OpKinds.RESULT.equals(n.kind())) {
                    results.add(n);
                }
            }
        }

        @Override public List<Node> nodes() { return nodes; }
        @Override public Optional<Node> node(String name) { return Optional.ofNullable(byName.get(name)); }
        @Override public List<Node> parameters() { return Collections.unmodifiableList(parameters); }
        @Override public List<Node> results() { return Collections.unmodifiableList(results); }
        @Override public List<InputRef> consumers(PortRef output) { return consumers.getOrDefault(output, List.of()); }
    }
}
