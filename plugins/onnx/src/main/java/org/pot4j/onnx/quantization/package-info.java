/** Quantization edits on ONNX models: QuantizeLinear/DequantizeLinear pairs, int8 weights, metadata. */
package org.pot4j.onnx.quantization;
