/**
 * Single-precision matrix multiply: a cache-blocked driver over packed panels, with a JDK Vector API micro-kernel
 * when {@code jdk.incubator.vector} is in the boot layer and a plain-Java one otherwise.
 */
package org.pot4j.engine.reference.gemm;
