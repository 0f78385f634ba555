/**
 * The ONNX Runtime engine: runs ONNX models in ONNX Runtime's Java binding on CPU, or on GPU through the CUDA
 * execution provider when the GPU build is on the class path. Models arrive as the API's
 * {@link org.pot4j.api.model.SerializedModel}; observed ports become extra outputs of a copy of the model, reduced by
 * nodes added to its graph where the observer asks for reductions. The kernel report reads ONNX Runtime's optimized
 * model with the engine's own protobuf description of the few ONNX fields it needs ({@code org.pot4j.engine.ort.proto},
 * generated from {@code src/main/proto/onnx-subset.proto}).
 */
package org.pot4j.engine.ort;
