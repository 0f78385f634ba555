/**
 * The drop-in plugin folder: PF4J loads each jar in its own class loader (pot4j's API and core shared with the host)
 * and its {@code Pot4jPlugin} entry points join the host's registry; unusable jars are skipped and reported.
 */
package org.pot4j.cli.plugins;
