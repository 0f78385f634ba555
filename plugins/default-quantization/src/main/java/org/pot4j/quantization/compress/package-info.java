/** Weight compression: FakeQuantized weight constants stored as int8 with scale and zero point (POT_SPEC §10). */
package org.pot4j.quantization.compress;
