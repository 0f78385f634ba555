package org.pot4j.onnx.view;

/**
 * Turns one ONNX node into view nodes: picks the canonical kind, translates attributes to OpenVINO spelling, infers
 * the output shapes and binds every ONNX output to a view port. Throws {@link IllegalArgumentException} with a plain
 * message for what it cannot map; the builder adds the file and node.
 */
@FunctionalInterface
public interface OnnxOpMapper {
    void map(OnnxNodeContext node);
}
