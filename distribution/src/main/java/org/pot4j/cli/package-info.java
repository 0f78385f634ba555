/**
 * The {@code pot4j} command line (picocli): {@code quantize}, {@code run}, {@code evaluate}, {@code benchmark} and
 * {@code plugins}, with progress shown by {@link org.pot4j.cli.ConsoleProgressListener}. Plugins are found at run time
 * through the registry; this package never imports a plugin's classes.
 */
package org.pot4j.cli;
