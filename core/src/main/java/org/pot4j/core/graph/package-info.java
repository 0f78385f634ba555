/** Models built in memory from a neutral graph. */
package org.pot4j.core.graph;
