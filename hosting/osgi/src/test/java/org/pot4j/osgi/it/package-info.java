/**
 * Integration tests that start an embedded Apache Felix with the bundles this reactor built (copied to
 * {@code target/bundles}), SPI Fly, and test bundles packed from this module's test classes.
 */
package org.pot4j.osgi.it;
