/**
 * The cascade engine SPI: engines for models made of stages that run one after another (MT-CNN, SeetaFace), where a
 * later stage's input is cut from an earlier stage's output.
 *
 * <p>A custom cascade engine extends {@link org.pot4j.api.engine.cascade.CascadeEngine} and implements only the
 * cascade logic ({@code runCascade}); each stage runs in a delegate engine of any kind, and the statistics a request
 * asks for are collected per stage after every inference. Ports of a stage are addressed as
 * {@code <stage>/<node>:<port>} (see {@link org.pot4j.api.engine.cascade.CascadePorts}).
 */
package org.pot4j.api.engine.cascade;
