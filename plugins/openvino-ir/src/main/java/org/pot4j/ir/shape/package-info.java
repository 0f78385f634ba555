/**
 * Output shapes inferred from input shapes for the IR ops the reader checks ({@link org.pot4j.ir.shape.IrShapeInference}),
 * so that a declared port shape that cannot be right is refused when the model is read instead of being copied
 * into every model written from it.
 */
package org.pot4j.ir.shape;
