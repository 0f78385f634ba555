/**
 * The OpenVINO IR format plugin: {@link org.pot4j.ir.IrPlugin} registers {@link org.pot4j.ir.IrModelFormat}
 * ({@code "openvino-ir"}), which reads IR v10/v11 into an {@link org.pot4j.ir.IrModel} and writes IR v11.
 */
package org.pot4j.ir;
