/**
 * The {@code onnxruntime-gpu} engine: the {@code onnxruntime} engine's {@code OrtEngine} on ONNX Runtime's GPU build,
 * its sessions on the CUDA execution provider for device {@code GPU}; shipped as a PF4J plugin zip.
 */
package org.pot4j.engine.ort.gpu;
