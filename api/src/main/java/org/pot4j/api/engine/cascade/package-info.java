/**
 * The cascade SPI: models made of stages that run one after another (MT-CNN, SeetaFace), where a later stage's input
 * is cut from an earlier stage's output.
 *
 * <p>A cascade author implements {@link org.pot4j.api.engine.cascade.Cascade} (the logic on one sample) and runs
 * stages through a {@link org.pot4j.api.engine.cascade.StageRunner}; the host's cascade engine
 * ({@code org.pot4j.core.cascade.CascadeEngine}) runs each stage in a delegate engine and collects statistics at
 * stage ports, addressed as {@code <stage>/<node>:<port>} (see {@link org.pot4j.api.engine.cascade.CascadePorts}).
 */
package org.pot4j.api.engine.cascade;
