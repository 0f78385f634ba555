/**
 * The ONNX Runtime engine: runs ONNX models in ONNX Runtime's Java binding on CPU, or on GPU through the CUDA
 * execution provider when the GPU build is on the class path; statistics come from intermediate tensors added as
 * extra graph outputs of a copy of the model.
 */
package org.pot4j.engine.ort;
