/**
 * What kernels compute on: {@link org.pot4j.engine.reference.runtime.Value} (a float or long array with a shape),
 * the pooled buffers and thread pool of one engine, and numpy broadcasting.
 */
package org.pot4j.engine.reference.runtime;
