/** Progress reporting for long work. */
package org.pot4j.api.progress;
