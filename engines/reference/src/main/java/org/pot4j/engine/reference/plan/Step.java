package org.pot4j.engine.reference.plan;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.ops.OpKernel;

/**
 * One node to execute (or a fused chain of nodes, named by its first node and labelled with every kind): its kernel
 * and the value slots it reads (-1 for an absent optional input) and writes. {@code shapeOnly} steps depend on input
 * shapes only (ShapeOf chains, priors): their results are cached per input shape set.
 */
record Step(Node node, String label, OpKernel kernel, int[] inputs, int[] outputs, boolean shapeOnly) {
    Step(Node node, OpKernel kernel, int[] inputs, int[] outputs, boolean shapeOnly) {
        this(node, node.kind(), kernel, inputs, outputs, shapeOnly);
    }
}
