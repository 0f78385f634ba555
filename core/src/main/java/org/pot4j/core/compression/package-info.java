/**
 * Weight compression math shared by the format plugins: FakeQuantized weight constants stored as int8 with scale and
 * zero point (POT_SPEC §10).
 */
package org.pot4j.core.compression;
