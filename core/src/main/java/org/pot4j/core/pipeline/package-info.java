/**
 * The compression pipeline, as POT's {@code Pipeline}: algorithms run in order, each after one statistics pass of
 * the engine over the calibration subset it asks for; and evaluation of a model's metric over the whole data set.
 */
package org.pot4j.core.pipeline;
