/** The exception hierarchy: every message names the file, node, key, sample or plugin at fault. */
package org.pot4j.api.error;
