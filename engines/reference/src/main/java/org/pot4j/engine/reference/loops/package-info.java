/**
 * The element-wise inner loops of the non-GEMM kernels (binary arithmetic, activations, the fused convolution
 * epilogue, pooling rows, depthwise rows, FakeQuantize): a JDK Vector API implementation when
 * {@code jdk.incubator.vector} is in the boot layer, and a plain-Java one that gives the same results.
 */
package org.pot4j.engine.reference.loops;
