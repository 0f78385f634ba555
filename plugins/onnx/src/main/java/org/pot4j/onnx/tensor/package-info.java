/** Conversions between ONNX {@code TensorProto}s and data types and pot4j's {@link org.pot4j.api.tensor.Tensor}s. */
package org.pot4j.onnx.tensor;
