/**
 * The neutral graph view of an ONNX model: a table of small per-op mappers turns ONNX nodes into nodes of
 * OpenVINO op kinds and attribute spelling (see {@link org.pot4j.api.graph.OpKinds}), with shapes inferred on the way.
 */
package org.pot4j.onnx.view;
