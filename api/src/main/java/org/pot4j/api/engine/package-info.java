/**
 * Engines: loading models, running inferences, observing tensors at ports (whole or reduced in the runtime), and the
 * streaming statistics the host's collector computes from them.
 */
package org.pot4j.api.engine;
