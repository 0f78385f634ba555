/**
 * Cascade models (POT_SPEC §14): {@link org.pot4j.core.cascade.CascadeModel}, a model whose sub-models are stages
 * that run one after another, read from a {@code model.cascade} configuration through the plugins' model formats
 * ({@link org.pot4j.core.cascade.CascadeModelReader}) and written back as {@code <model_name>_<stage>} files
 * ({@link org.pot4j.core.cascade.CascadeModelWriter}). {@link org.pot4j.core.cascade.CascadeEngine} runs them: each
 * stage in a delegate engine, the stages driven by a plugin's {@link org.pot4j.api.engine.cascade.Cascade}.
 */
package org.pot4j.core.cascade;
