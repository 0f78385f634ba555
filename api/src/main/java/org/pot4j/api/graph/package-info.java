/**
 * The format-neutral graph view every algorithm reads: nodes with canonical op kinds (OpenVINO opset names),
 * typed attributes, ports with shapes and element types, and constant data.
 */
package org.pot4j.api.graph;
