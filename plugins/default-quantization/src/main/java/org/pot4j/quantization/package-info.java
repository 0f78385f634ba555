/**
 * POT's DefaultQuantization for pot4j: the algorithm, its parameters and its plugin entry point. Sub-packages hold
 * the parts: placement, scheme choice, range formulas, MinMax and bias correction.
 */
package org.pot4j.quantization;
