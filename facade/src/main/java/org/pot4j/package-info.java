/**
 * POT's Python API in Java: start here.
 *
 * <p>{@link org.pot4j.Pot} has one static method per step of a POT script ({@code load_model}, {@code IEEngine},
 * {@code create_pipeline}, {@code pipeline.run}, {@code compress_model_weights}, {@code save_model}), taking the
 * same configuration keys as maps. {@link org.pot4j.PotEngine} is an engine together with the data loader and metric
 * it runs on; {@link org.pot4j.SavedModel} is what a save wrote.
 */
package org.pot4j;
