package org.pot4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * One ONNX node test case: {@code <case>/model.onnx} and {@code <case>/test_data_set_0/{input,output}_N.pb}.
 *
 * @param name    the folder name, such as {@code test_abs}
 * @param folder  the case folder
 * @param inputs  the input files in index order
 * @param outputs the expected output files in index order
 */
record OnnxNodeCase(String name, Path folder, List<Path> inputs, List<Path> outputs) {
    private static final Pattern DATA_FILE = Pattern.compile("(input|output)_(\\d+)\\.pb");

    OnnxNodeCase {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    Path model() {
        return folder.resolve("model.onnx");
    }

    /** The case in {@code folder}; only data set 0 is used (Debian's node cases have no other). */
    static OnnxNodeCase in(Path folder) {
        Path data = folder.resolve("test_data_set_0");
        return new OnnxNodeCase(folder.getFileName().toString(), folder, numbered(data, "input"),
                numbered(data, "output"));
    }

    private static List<Path> numbered(Path data, String prefix) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(data)) {
            return found;
        }
        try (Stream<Path> files = Files.list(data)) {
            files.forEach(f -> {
                Matcher m = DATA_FILE.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).equals(prefix)) {
                    int index = Integer.parseInt(m.group(2));
                    while (found.size() <= index) {
                        found.add(null);
                    }
                    found.set(index, f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data, e);
        }
        if (found.contains(null)) {
            throw new IllegalStateException(data + " has gaps in its " + prefix + "_N.pb numbering: " + found);
        }
        return found;
    }

    /** Parses a recorded tensor file. */
    static TensorProto readTensor(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return TensorProto.parseFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
