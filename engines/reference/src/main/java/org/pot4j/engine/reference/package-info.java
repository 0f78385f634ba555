/**
 * pot4j's pure-Java reference engine: runs any model's neutral graph on any JVM without native code. Found through
 * {@link org.pot4j.engine.reference.ReferenceEnginePlugin} as engine {@code "reference"}.
 */
package org.pot4j.engine.reference;
