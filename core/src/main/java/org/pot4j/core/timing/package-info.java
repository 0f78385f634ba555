/** Side-by-side timing of several tasks for benchmarks: alternating rounds so a shared machine's load hits all alike. */
package org.pot4j.core.timing;
