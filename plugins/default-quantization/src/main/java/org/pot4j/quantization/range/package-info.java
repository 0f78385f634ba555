/** FakeQuantize range formulas and level grids of POT's MinMaxQuantization (POT_SPEC §5.7, §8). */
package org.pot4j.quantization.range;
