/**
 * Choosing the statistics subset as POT does: {@link org.pot4j.core.sampling.PythonRandom} reproduces CPython's
 * {@code random.seed(int)} and {@code random.sample(range(n), k)}, which POT's {@code shuffle_data} uses.
 */
package org.pot4j.core.sampling;
