/**
 * The ONNX model format: {@link org.pot4j.onnx.OnnxModelFormat} reads {@code .onnx} files into an
 * {@link org.pot4j.onnx.OnnxModel} (the ModelProto kept as the native document, plus the neutral graph view) and
 * writes them back unchanged apart from edits.
 */
package org.pot4j.onnx;
