/**
 * The kernels: one {@link org.pot4j.engine.reference.ops.OpKernel} per node, created at compile time by the
 * {@link org.pot4j.engine.reference.ops.KernelFactory} registered for the node's canonical op kind in
 * {@link org.pot4j.engine.reference.ops.KernelRegistry}. Semantics follow the OpenVINO opset specifications; ops OpenVINO lacks
 * (QuantizeLinear/DequantizeLinear, LayerNormalization, LSTM/GRU/RNN in ONNX's layout, Trilu, ...) keep ONNX's names
 * and ONNX's semantics. Convolutions and MatMul are {@link org.pot4j.engine.reference.ops.FusableKernel}s:
 * {@link org.pot4j.engine.reference.ops.EpilogueFusion} decides which following bias Add and activation they absorb.
 */
package org.pot4j.engine.reference.ops;
