package org.pot4j.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes one model file format (OpenVINO IR, ONNX).
 *
 * <p>Readers fail with a {@link org.pot4j.api.error.ModelFormatException} naming the file and node at fault.
 * Writers never leave a half-written file: they write to a temporary name and move it into place.
 */
public interface ModelFormat {
    /** The unique name of the format, such as {@code "openvino-ir"} or {@code "onnx"}. */
    String name();

    /** File name extensions of the model file, without the dot ({@code "xml"}, {@code "onnx"}). */
    List<String> extensions();

    /** True when {@code file} looks like a model of this format (by extension and, cheaply, by content). */
    boolean recognizes(Path file);

    /** Reads a model. */
    Model read(ModelSource source);

    /**
     * Writes {@code model} (which must be of this format) into {@code directory} as {@code baseName.<ext>}
     * (and its companion files).
     *
     * @return the files written, model file first
     */
    List<Path> write(Model model, Path directory, String baseName);
}
