/**
 * What {@code pot4j benchmark} needs: seeded random inputs for a model, latency figures of timed runs, and the CPU
 * features that decide how fast int8 kernels are.
 */
package org.pot4j.cli.bench;
