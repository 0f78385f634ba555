/** What {@code pot4j benchmark} needs: seeded random inputs for a model and latency figures of timed runs. */
package org.pot4j.cli.bench;
