/**
 * POT's JSON configuration (POT_SPEC §13): {@code model}, {@code engine} and {@code compression} sections read with
 * Jackson ({@code //} and {@code /* *}{@code /} comments and trailing commas allowed, as POT's jstyleson) into
 * immutable, validated records. Every error is a {@link org.pot4j.api.error.ConfigurationException} naming the key
 * path, such as {@code compression.algorithms[0].params.preset}.
 */
package org.pot4j.core.config;
