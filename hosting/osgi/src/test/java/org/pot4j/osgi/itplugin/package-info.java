/** A tiny plugin packed into test bundles at test time (published through META-INF/services and SPI Fly). */
package org.pot4j.osgi.itplugin;
