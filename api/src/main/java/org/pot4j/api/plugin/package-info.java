/** The plugin entry point and the narrow context plugins get from their host. */
package org.pot4j.api.plugin;
