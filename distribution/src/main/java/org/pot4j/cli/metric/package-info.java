/**
 * The metrics {@code pot4j evaluate} and {@code -e} use, contributed as a plugin ({@code accuracy},
 * {@code output_difference}), and the loaders that pair each sample with a reference model's outputs or top-1 class.
 */
package org.pot4j.cli.metric;
