/**
 * The {@code pot4j} command line (picocli): {@code quantize}, {@code run}, {@code evaluate}, {@code benchmark} and
 * {@code plugins}, and POT's own command lines ({@code -q ...}, {@code -c ...}) as {@code quantize} and {@code run},
 * with progress shown by {@link org.pot4j.cli.ConsoleProgressListener}. Plugins are found at run time through the
 * registry; this package never imports a plugin's classes.
 */
package org.pot4j.cli;
