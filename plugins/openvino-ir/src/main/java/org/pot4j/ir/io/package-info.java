/**
 * Reading and writing IR files: {@link org.pot4j.ir.io.IrReader} turns {@code .xml} + {@code .bin} into an
 * {@link org.pot4j.ir.document.IrDocument} with every check that can name a layer, {@link org.pot4j.ir.io.IrWriter}
 * writes IR v11 through temporary files, and {@link org.pot4j.ir.io.IrBinLayout} decides where each constant goes.
 */
package org.pot4j.ir.io;
