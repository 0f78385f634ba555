/**
 * Hardware configurations of POT's target devices (POT_SPEC §3): which op types are quantized with which schemes,
 * flattened as POT flattens them ({@link org.pot4j.core.hardware.HardwareConfigParser}), the bundled files per
 * target device ({@link org.pot4j.core.hardware.HardwareConfigs}) and POT's special op lists
 * ({@link org.pot4j.core.hardware.SpecialOperations}).
 */
package org.pot4j.core.hardware;
