/**
 * The GNA emulation engine ({@code "gna"}, device {@code GNA}): the reference engine's plan with MatMuls between
 * FakeQuantizes computed in GNA's integer arithmetic (int16 inputs, int8/int16 weights, int32 accumulators with
 * saturation); everything else in FP32.
 */
package org.pot4j.engine.reference.gna;
