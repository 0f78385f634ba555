/** Metrics: accuracy measures updated batch by batch. */
package org.pot4j.api.metric;
