/** Choosing each quantizer's scheme from the hardware configuration, the preset and the user's values (POT_SPEC §5). */
package org.pot4j.quantization.config;
