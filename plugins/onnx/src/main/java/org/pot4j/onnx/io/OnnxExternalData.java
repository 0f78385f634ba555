package org.pot4j.onnx.io;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.TemporaryFiles;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * The bytes of tensors stored outside the model file ({@code data_location: EXTERNAL}), keyed by where they live.
 * The TensorProtos keep their {@code location/offset/length} entries untouched, so writing the bytes back at the same
 * offsets beside the new model file reproduces the model exactly.
 */
public final class OnnxExternalData {
    /** Nothing stored externally. */
    public static final OnnxExternalData NONE = new OnnxExternalData(Map.of());

    private final Map<Ref, ByteString> bytes;

    private OnnxExternalData(Map<Ref, ByteString> bytes) {
        this.bytes = bytes;
    }

    /** Where one external tensor lives: a file relative to the model's folder, an offset and a length. */
    record Ref(String location, long offset, long length) {
        static Ref of(TensorProto t) {
            String location = null;
            long offset = 0;
            long length = -1;
            for (StringStringEntryProto e : t.getExternalDataList()) {
                switch (e.getKey()) {
                    case "location": location = e.getValue(); break;
                    case "offset": offset = parse(t, e); break;
                    case "length": length = parse(t, e); break;
                    default: break;
                }
            }
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("tensor '" + t.getName() + "' is EXTERNAL but has no 'location'");
            }
            return new Ref(location, offset, length);
        }

        private static long parse(TensorProto t, StringStringEntryProto e) {
            try {
                long v = Long.parseLong(e.getValue().trim());
                if (v < 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("tensor '" + t.getName() + "' has an invalid external data "
                        + e.getKey() + " '" + e.getValue() + "'");
            }
        }
    }

    /** True when no tensor is stored externally. */
    public boolean isEmpty() {
        return bytes.isEmpty();
    }

    /**
     * The bytes of external tensor {@code t}.
     *
     * @throws IllegalArgumentException when they were not loaded
     */
    public ByteString bytesOf(TensorProto t) {
        ByteString b = bytes.get(Ref.of(t));
        if (b == null) {
            throw new IllegalArgumentException("the external data of tensor '" + t.getName() + "' was not loaded");
        }
        return b;
    }

    /** The external files, relative to the model's folder. */
    public java.util.Set<String> locations() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        bytes.keySet().forEach(r -> out.add(r.location()));
        return out;
    }

    /**
     * Loads the external data of every tensor of {@code tensors} that has it, from files beside {@code modelFile}.
     *
     * @throws ModelFormatException naming the model file, the tensor and the missing or short data file
     */
    static OnnxExternalData load(Path modelFile, Iterable<TensorProto> tensors) {
        Map<Ref, ByteString> out = new LinkedHashMap<>();
        Path folder = Objects.requireNonNullElse(modelFile.toAbsolutePath().getParent(), Path.of("."));
        for (TensorProto t : tensors) {
            if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            Ref ref;
            try {
                ref = Ref.of(t);
            } catch (IllegalArgumentException e) {
                throw ModelFormatException.inFile(modelFile, e.getMessage());
            }
            if (out.containsKey(ref)) {
                continue;
            }
            Path file = resolve(modelFile, folder, t, ref.location());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                long length = ref.length() < 0 ? size - ref.offset() : ref.length();
                if (ref.offset() + length > size || length < 0) {
                    throw ModelFormatException.inFile(modelFile, "external data of tensor '" + t.getName() + "' needs bytes "
                            + ref.offset() + ".." + (ref.offset() + length) + " of '" + file + "', which has only " + size);
                }
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(length));
                while (buf.hasRemaining()) {
                    if (ch.read(buf, ref.offset() + buf.position()) < 0) {
                        break;
                    }
                }
                buf.flip();
                out.put(ref, ByteString.copyFrom(buf));
            } catch (NoSuchFileException e) {
                throw ModelFormatException.inFile(modelFile, "the external data file '" + ref.location() + "' of tensor '"
                        + t.getName() + "' is missing (looked for " + file + ")");
            } catch (IOException e) {
                throw new ModelFormatException(modelFile + ": cannot read external data file '" + file + "' of tensor '"
                        + t.getName() + "': " + e.getMessage(), e);
            }
        }
        return out.isEmpty() ? NONE : new OnnxExternalData(Collections.unmodifiableMap(out));
    }

    /** The data file {@code location}, which must stay inside the model's folder. */
    static Path resolve(Path modelFile, Path folder, TensorProto t, String location) {
        Path p = Path.of(location);
        Path file = folder.resolve(p).normalize();
        if (p.isAbsolute() || !file.startsWith(folder.normalize())) {
            throw ModelFormatException.inFile(modelFile, "the external data location '" + location + "' of tensor '"
                    + t.getName() + "' leaves the model's folder");
        }
        return file;
    }

    /**
     * Writes every external tensor back into its file under {@code folder} at its original offset.
     *
     * @return the files written
     */
    java.util.List<Path> writeTo(Path folder, Path modelFile) throws IOException {
        Map<String, Map<Ref, ByteString>> byFile = new java.util.TreeMap<>();
        bytes.forEach((ref, data) -> byFile.computeIfAbsent(ref.location(), k -> new LinkedHashMap<>()).put(ref, data));
        java.util.List<Path> written = new java.util.ArrayList<>();
        for (Map.Entry<String, Map<Ref, ByteString>> e : byFile.entrySet()) {
            Path target = resolve(modelFile, folder.toAbsolutePath().normalize(), TensorProto.getDefaultInstance(), e.getKey());
            Files.createDirectories(target.getParent());
            Path tmp = TemporaryFiles.beside(target.getParent(), target.getFileName().toString(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (Map.Entry<Ref, ByteString> t : e.getValue().entrySet()) {
                    ByteBuffer b = t.getValue().asReadOnlyByteBuffer();
                    long pos = t.getKey().offset();
                    while (b.hasRemaining()) {
                        pos += ch.write(b, pos);
                    }
                }
            } catch (IOException | RuntimeException ex) {
                Files.deleteIfExists(tmp);
                throw ex;
            }
            OnnxWriter.moveIntoPlace(tmp, target);
            written.add(target);
        }
        return written;
    }
}
