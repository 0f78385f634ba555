package org.pot4j.data.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Samples stored as NumPy arrays. A folder holds one sample per {@code .npy} or {@code .npz} file (sorted by path,
 * String order); a {@code .npy} file is the single input {@code input_name}, an {@code .npz} file gives one input
 * per entry, named by the entry. A single file is one sample, or with {@code split_first_axis} a batch whose axis 0
 * indexes the samples (then it is read once, at open, and kept in memory).
 *
 * <p>Arrays keep their element type (f16 stays f16); Fortran-order arrays are read into C order. Opening reads every
 * file's headers and checks them against the file's (or entry's) size, so that a bad dtype, object arrays, data
 * shorter or longer than the shape needs, or inputs that differ between files fail before a run, naming the file and
 * entry. The
 * annotation is the {@code annotation_entry} array: an Integer when it holds one integer, an
 * {@link ArrayAnnotation} otherwise; metadata holds {@code file}.
 */
public final class NumpyDataLoader implements DataLoader {
    private final NumpyLoaderConfig config;
    private final List<Path> files;
    private final Map<String, Tensor> batch;
    private final int size;
    private final Set<String> inputNames;

    private NumpyDataLoader(NumpyLoaderConfig config, List<Path> files, Map<String, Tensor> batch, int size,
            Set<String> inputNames) {
        this.config = config;
        this.files = files;
        this.batch = batch;
        this.size = size;
        this.inputNames = inputNames;
    }

    /**
     * Lists and checks the arrays of {@code config.dataSource()}.
     *
     * @throws DataException naming the file (and entry) at fault
     * @throws ConfigurationException when {@code split_first_axis} is set for a folder
     */
    public static NumpyDataLoader open(NumpyLoaderConfig config) {
        Path source = config.dataSource();
        List<Path> files;
        if (Files.isDirectory(source)) {
            if (config.splitFirstAxis()) {
                throw new ConfigurationException(NumpyLoaderConfig.SPLIT_FIRST_AXIS,
                        "applies to a single .npy/.npz file, but data_source " + source + " is a folder");
            }
            files = listArrays(source);
        } else if (Files.isRegularFile(source) && isArrayFile(source)) {
            files = List.of(source);
        } else {
            throw new DataException(source + ": no such folder or .npy/.npz file");
        }
        Set<String> names = null;
        Path first = null;
        for (Path file : files) {
            Map<String, NpyHeader> headers = headersOf(file, config);
            if (names == null) {
                names = headers.keySet();
                first = file;
            } else if (!names.equals(headers.keySet())) {
                throw new DataException(file + ": holds inputs " + headers.keySet() + " but " + first + " holds " + names
                        + "; every sample needs the same inputs");
            }
        }
        if (!config.splitFirstAxis()) {
            return new NumpyDataLoader(config, files, null, files.size(), Set.copyOf(names));
        }
        Path file = files.get(0);
        Map<String, Tensor> arrays = readArrays(file, config);
        long rows = -1;
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            Shape shape = e.getValue().shape();
            if (shape.rank() == 0 || (rows >= 0 && shape.dim(0) != rows)) {
                throw new DataException(file + ": array '" + e.getKey() + "' of shape " + shape
                        + " cannot be split along axis 0 into " + (rows < 0 ? "samples" : rows + " samples"));
            }
            rows = shape.dim(0);
        }
        if (rows == 0) {
            throw new DataException(file + ": axis 0 of its arrays is empty, so there are no samples");
        }
        if (rows > Integer.MAX_VALUE) {
            throw new DataException(file + ": axis 0 of its arrays has " + rows + " rows, more samples than a loader holds ("
                    + Integer.MAX_VALUE + ")");
        }
        return new NumpyDataLoader(config, files, arrays, (int) rows, Set.copyOf(names));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public DataItem get(int index) {
        Objects.checkIndex(index, size);
        Path file = batch != null ? files.get(0) : files.get(index);
        Map<String, Tensor> arrays = batch != null ? rowOf(batch, index) : readArrays(file, config);
        Map<String, Tensor> inputs = new LinkedHashMap<>(arrays);
        Object annotation = config.annotationEntry().map(inputs::remove).map(NumpyDataLoader::toAnnotation).orElse(null);
        Map<String, Object> metadata = batch != null ? Map.of("file", file.toString(), "row", index)
                : Map.of("file", file.toString());
        return new DataItem(inputs, annotation, metadata);
    }

    /** The input names every sample has. */
    public Set<String> inputNames() {
        return inputNames;
    }

    public NumpyLoaderConfig config() {
        return config;
    }

    @Override
    public String description() {
        return "numpy " + config.dataSource() + " (" + size + " samples, inputs " + inputNames + ")";
    }

    private static Map<String, Tensor> rowOf(Map<String, Tensor> arrays, int row) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            Tensor t = e.getValue();
            long[] dims = t.shape().dims();
            out.put(e.getKey(), t.slice(row, row + 1).reshape(Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length))));
        }
        return out;
    }

    private static Object toAnnotation(Tensor t) {
        if (t.elementCount() == 1 && !t.elementType().isFloatingPoint()) {
            long v = t.getLong(0);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        return new ArrayAnnotation(t);
    }

    private static boolean isNpz(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    private static boolean isArrayFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz");
    }

    private static List<Path> listArrays(Path folder) {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(NumpyDataLoader::isArrayFile)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new DataException(folder + ": cannot list the folder: " + e, e);
        }
        if (files.isEmpty()) {
            throw new DataException(folder + ": no .npy or .npz files in the folder");
        }
        return files;
    }

    /** The input headers of one file (the annotation entry checked and left out). */
    private static Map<String, NpyHeader> headersOf(Path file, NumpyLoaderConfig config) {
        Map<String, NpyHeader> headers;
        if (isNpz(file)) {
            headers = new LinkedHashMap<>(NpzReader.readHeaders(file));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                headers = new LinkedHashMap<>(Map.of(config.inputName(), NpyReader.readHeader(in, file.toString(), Files.size(file))));
            } catch (IOException e) {
                throw new DataException(file + ": cannot read: " + e, e);
            }
        }
        if (config.annotationEntry().isPresent()) {
            String entry = config.annotationEntry().get();
            if (headers.remove(entry) == null) {
                throw new DataException(file + ": has no entry '" + entry + "' (annotation_entry); it has " + headers.keySet());
            }
            if (headers.isEmpty()) {
                throw new DataException(file + ": holds only the annotation entry '" + entry + "', no input");
            }
        }
        return headers;
    }

    private static Map<String, Tensor> readArrays(Path file, NumpyLoaderConfig config) {
        if (isNpz(file)) {
            return NpzReader.read(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Map.of(config.inputName(), NpyReader.read(in, file.toString(), Files.size(file)));
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
    }
}
