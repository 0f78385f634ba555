/** GNA's OverflowCorrection (POT_SPEC §9.3): weights rescaled so no int32 accumulator can overflow. */
package org.pot4j.quantization.overflow;
