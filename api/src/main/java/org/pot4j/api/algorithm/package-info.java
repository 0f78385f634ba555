/**
 * Algorithms: compression steps that read statistics and return changed models, and the factories that create them
 * from {@link org.pot4j.api.algorithm.AlgorithmSettings} (the algorithm's own params, which its factory binds, and
 * the keys common to every algorithm).
 */
package org.pot4j.api.algorithm;
