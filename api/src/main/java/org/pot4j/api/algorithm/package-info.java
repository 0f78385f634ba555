/** Algorithms: compression steps that read statistics and return changed models. */
package org.pot4j.api.algorithm;
