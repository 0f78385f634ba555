/**
 * The one inference loop of pot4j: {@link org.pot4j.core.inference.InferenceLoop} drives every engine through a pass
 * (which samples, loading them ahead on worker threads, batching, statistics through a
 * {@link org.pot4j.api.engine.PortObserver}, the metric, progress). Engines only infer.
 */
package org.pot4j.core.inference;
