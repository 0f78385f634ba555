/** MinMaxQuantization: FakeQuantize ranges from statistics, the saturation fix and unified scales (POT_SPEC §8). */
package org.pot4j.quantization.minmax;
