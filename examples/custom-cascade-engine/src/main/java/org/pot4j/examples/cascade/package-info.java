/**
 * A custom cascade engine, as POT's face detection sample subclasses {@code IEEngine}: the user writes the cascade's
 * logic ({@link org.pot4j.examples.cascade.ZoomInCascade}) and pot4j runs each stage in an existing engine.
 *
 * <p>{@link org.pot4j.examples.cascade.CustomCascadeEngineExample} quantizes the two-stage cascade with POT's six API
 * steps.
 */
package org.pot4j.examples.cascade;
