/**
 * ONNX backend node tests (the {@code data/node/<case>} folders of ONNX's test data) run on the pure-Java reference
 * engine: each case's model is read by the ONNX plugin, compiled by the engine, fed its recorded inputs, and its
 * outputs compared with the recorded ones; results are summed per ONNX op.
 */
package org.pot4j.conformance;
