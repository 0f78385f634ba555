/**
 * The metrics {@code pot4j evaluate} uses, contributed as a plugin ({@code accuracy}, {@code output_difference}), and
 * the loader that pairs each sample with a reference model's outputs.
 */
package org.pot4j.cli.metric;
