package org.pot4j.onnx.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.TemporaryFiles;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;

/** Writes a ModelProto and its external data files; every file goes to a temporary name first and is then moved. */
public final class OnnxWriter {
    private OnnxWriter() {
    }

    /**
     * Writes {@code proto} as {@code directory/baseName.onnx} and its external data beside it.
     *
     * @return the files written, the model file first
     */
    public static List<Path> write(ModelProto proto, OnnxExternalData external, Path directory, String baseName) {
        Path target = directory.resolve(baseName + ".onnx");
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            written.add(target);
            written.addAll(external.writeTo(directory, target));
            Path tmp = TemporaryFiles.beside(directory, baseName, ".onnx.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                proto.writeTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            moveIntoPlace(tmp, target);
            return written;
        } catch (IOException e) {
            throw new ModelFormatException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Moves {@code tmp} onto {@code target}, atomically where the file system allows it. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
