/** Bias correction after quantization: POT's FastBiasCorrection (POT_SPEC §9.1). */
package org.pot4j.quantization.bias;
