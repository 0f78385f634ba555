/**
 * Cascade models (POT_SPEC §14): {@link org.pot4j.core.cascade.CascadeModel}, a model whose sub-models are stages
 * that run one after another, read from a {@code model.cascade} configuration through the plugins' model formats
 * ({@link org.pot4j.core.cascade.CascadeModelReader}) and written back as {@code <model_name>_<stage>} files
 * ({@link org.pot4j.core.cascade.CascadeModelWriter}). {@link org.pot4j.core.cascade.CascadeEngine} runs them: each
 * stage in a delegate engine, the stages driven by a plugin's {@link org.pot4j.api.engine.cascade.Cascade}.
 * {@link org.pot4j.core.cascade.PerStageAlgorithm} applies a single-model algorithm to every stage, with the
 * per-stage requests and results of {@link org.pot4j.core.cascade.StageStatistics}.
 */
package org.pot4j.core.cascade;
