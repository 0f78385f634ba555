package org.pot4j.onnx.io;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.TemporaryFiles;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.tensor.OnnxDataTypes;
import org.pot4j.onnx.tensor.OnnxTensors;

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
     * Loads the external data of every tensor of {@code tensors} that has it, from files in the folder of
     * {@code modelFile}. A location must be relative, without {@code ..}, and name a regular file whose real path
     * (links resolved) is inside the real path of that folder; FIFOs, devices and folders are refused before they are
     * opened, and the offset and length are checked against the file's size and the tensor's before reading.
     *
     * @throws ModelFormatException naming the model file, the tensor and the location
     */
    static OnnxExternalData load(Path modelFile, Iterable<TensorProto> tensors) {
        Map<Ref, ByteString> out = new LinkedHashMap<>();
        Path folder = Objects.requireNonNullElse(modelFile.toAbsolutePath().getParent(), Path.of("").toAbsolutePath());
        Path realFolder = null;
        for (TensorProto t : tensors) {
            if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            Ref ref;
            long expected;
            try {
                ref = Ref.of(t);
                // a type pot4j cannot hold (strings) is loaded as it is; reading it as a tensor fails later
                expected = OnnxDataTypes.elementType(t.getDataType()).isPresent() ? OnnxTensors.byteSize(t) : -1;
            } catch (IllegalArgumentException e) {
                throw ModelFormatException.inFile(modelFile, e.getMessage());
            }
            if (out.containsKey(ref)) {
                continue;
            }
            String what = "tensor '" + t.getName() + "' external data '" + printable(ref.location()) + "'";
            Path relative = relativeLocation(modelFile, what, ref.location());
            if (realFolder == null) {
                realFolder = realPath(modelFile, folder, "the model's folder " + folder);
            }
            Path file = folder.resolve(relative);
            Path real = realPath(modelFile, file, what);
            if (!real.startsWith(realFolder)) {
                throw ModelFormatException.inFile(modelFile, what + " resolves to " + real
                        + ", outside the model's folder " + realFolder);
            }
            requireRegularFile(modelFile, real, what);
            out.put(ref, read(modelFile, real, what, ref, expected));
        }
        return out.isEmpty() ? NONE : new OnnxExternalData(Collections.unmodifiableMap(out));
    }

    /** {@code location} as a relative path without {@code ..}: what ONNX's external data locations are. */
    private static Path relativeLocation(Path modelFile, String what, String location) {
        Path p;
        try {
            p = Path.of(location);
        } catch (InvalidPathException e) {
            throw ModelFormatException.inFile(modelFile, what + " is not a valid path: " + printable(e.getReason()));
        }
        if (p.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw ModelFormatException.inFile(modelFile, what + " is an absolute path; locations are relative to the "
                    + "model's folder");
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw ModelFormatException.inFile(modelFile, what + " goes up with '..'; it must stay in the model's "
                        + "folder");
            }
        }
        return p;
    }

    /** The real path of {@code p} (every link resolved). */
    private static Path realPath(Path modelFile, Path p, String what) {
        try {
            return p.toRealPath();
        } catch (NoSuchFileException e) {
            throw ModelFormatException.inFile(modelFile, what + " is missing (looked for " + p + ")");
        } catch (IOException e) {
            throw new ModelFormatException(modelFile + ": " + what + " cannot be resolved (" + p + "): " + e, e);
        }
    }

    /** Refuses folders, FIFOs, sockets and devices, by their attributes: opening a FIFO would wait for a writer. */
    private static void requireRegularFile(Path modelFile, Path real, String what) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new ModelFormatException(modelFile + ": " + what + " cannot be read (" + real + "): " + e, e);
        }
        if (!a.isRegularFile()) {
            throw ModelFormatException.inFile(modelFile, what + " is not a regular file (" + real + " is "
                    + (a.isDirectory() ? "a folder" : "a FIFO, socket or device") + ")");
        }
    }

    /**
     * Bytes {@code offset..offset+length} of {@code real}, checked against its size and the {@code expected} size of
     * the tensor (-1: unknown, then only against the largest tensor pot4j reads).
     */
    private static ByteString read(Path modelFile, Path real, String what, Ref ref, long expected) {
        try (FileChannel ch = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (ref.offset() > size || (ref.length() >= 0 && ref.length() > size - ref.offset())) {
                throw ModelFormatException.inFile(modelFile, what + " needs bytes " + ref.offset() + ".."
                        + (ref.length() < 0 ? "end" : Long.toUnsignedString(ref.offset() + ref.length()))
                        + ", the file has " + size);
            }
            long length = ref.length() < 0 ? size - ref.offset() : ref.length();
            if (expected < 0 && length > OnnxTensors.MAX_BYTES) {
                throw ModelFormatException.inFile(modelFile, what + " holds " + length + " bytes, more than the "
                        + OnnxTensors.MAX_BYTES + " pot4j reads per tensor");
            }
            if (expected >= 0 && length != expected) {
                throw ModelFormatException.inFile(modelFile, what + " holds " + length + " bytes"
                        + (ref.length() < 0 ? " (offset " + ref.offset() + " to the end)" : "") + ", the tensor needs "
                        + expected);
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(length));
            while (buf.hasRemaining()) {
                if (ch.read(buf, ref.offset() + buf.position()) < 0) {
                    throw ModelFormatException.inFile(modelFile, what + " ended after " + buf.position()
                            + " of " + length + " bytes");
                }
            }
            buf.flip();
            return ByteString.copyFrom(buf);
        } catch (IOException e) {
            throw new ModelFormatException(modelFile + ": " + what + " cannot be read (" + real + "): " + e, e);
        }
    }

    /** {@code s} with control characters shown as {@code ?}, for messages. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    /** The data file {@code location} under {@code folder} for writing; it must be relative and stay inside. */
    static Path resolve(Path modelFile, Path folder, String location) {
        String what = "external data '" + printable(location) + "'";
        Path file = folder.resolve(relativeLocation(modelFile, what, location)).normalize();
        if (!file.startsWith(folder.normalize())) {
            throw ModelFormatException.inFile(modelFile, what + " leaves the folder " + folder);
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
            Path target = resolve(modelFile, folder.toAbsolutePath().normalize(), e.getKey());
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
