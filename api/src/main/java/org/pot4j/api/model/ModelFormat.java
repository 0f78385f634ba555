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
    /** {@return the unique name of the format, such as {@code "openvino-ir"} or {@code "onnx"}} */
    String name();

    /** {@return the file name extensions of the model file, without the dot ({@code "xml"}, {@code "onnx"})} */
    List<String> extensions();

    /**
     * Tells whether a file is a model of this format, without reading all of it.
     *
     * @param file a path to a file
     * @return true when it looks like a model of this format (by extension and, cheaply, by content)
     */
    boolean recognizes(Path file);

    /**
     * Reads a model.
     *
     * @param source the model file, its weights file and the name to give the model
     * @return the model, with its native document and neutral graph view
     * @throws org.pot4j.api.error.ModelFormatException naming the file and node when it cannot be read
     */
    Model read(ModelSource source);

    /**
     * Writes {@code model} (which must be of this format) into {@code directory} as {@code baseName.<ext>}
     * (and its companion files).
     *
     * @param model     the model to write
     * @param directory the directory to write into
     * @param baseName  the file name without extension
     * @return the files written, model file first
     */
    List<Path> write(Model model, Path directory, String baseName);
}
