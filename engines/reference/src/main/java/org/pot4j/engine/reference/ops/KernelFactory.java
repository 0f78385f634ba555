package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;

/**
 * Makes the kernel of one node when the model is compiled: reads and checks attributes, and may precompute from
 * constant inputs (packed convolution weights).
 *
 * @throws IllegalArgumentException describing a bad attribute or input (the compiler adds the node's name)
 */
@FunctionalInterface
public interface KernelFactory {
    OpKernel create(Node node, CompileContext context);
}
