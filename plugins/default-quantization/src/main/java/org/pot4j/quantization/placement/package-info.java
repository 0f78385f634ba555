/**
 * Where FakeQuantize nodes go (POT_SPEC §4): graph preprocessing facts, ignored patterns and scopes, insertion,
 * propagation through quantization-agnostic ops and de-duplication, on the format-neutral graph.
 */
package org.pot4j.quantization.placement;
