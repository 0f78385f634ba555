/** pot4j's API: the SPIs (plugins, engines, algorithms, data loaders, formats, metrics) and value types. JDK only. */
package org.pot4j.api;
