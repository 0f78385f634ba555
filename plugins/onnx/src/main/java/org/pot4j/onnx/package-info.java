/**
 * The ONNX model format: {@link org.pot4j.onnx.OnnxModelFormat} reads {@code .onnx} files into an
 * {@link org.pot4j.onnx.OnnxModel} (the ModelProto kept as the native document, plus the neutral graph view) and
 * writes them back unchanged apart from edits. Runtimes that read ONNX themselves get the model through the API's
 * {@code SerializedModel} extension ({@code OnnxSerializedModel}): the self-contained document, a copy with outputs for
 * observed ports, whole or reduced by nodes added to the graph ({@code OnnxObservedOutputs}), and a copy with a
 * symbolic batch ({@link org.pot4j.onnx.OnnxSymbolicBatch}).
 */
package org.pot4j.onnx;
