/** Engines: running models, predict passes, and the streaming statistics computed during them. */
package org.pot4j.api.engine;
