package org.pot4j.data.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Reads {@code .npz} archives ({@code np.savez}: stored entries, {@code np.savez_compressed}: deflated), one
 * {@code name.npy} entry per array; the array's name is the entry name without {@code .npy}.
 */
final class NpzReader {
    private NpzReader() {
    }

    /** Every array's header, by name, in archive order. */
    static Map<String, NpyHeader> readHeaders(Path file) {
        return visit(file, NpzReader::headerOf);
    }

    /** Every array, by name, in archive order. */
    static Map<String, Tensor> read(Path file) {
        return visit(file, NpyReader::read);
    }

    private interface EntryReader<T> {
        T read(InputStream in, String where) throws IOException;
    }

    private static NpyHeader headerOf(InputStream in, String where) throws IOException {
        return NpyReader.readHeader(in, where);
    }

    private static <T> Map<String, T> visit(Path file, EntryReader<T> reader) {
        Map<String, T> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String where = file + " entry '" + e.getName() + "'";
                if (!e.getName().endsWith(".npy")) {
                    throw new DataException(where + ": an .npz entry must be a .npy array");
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, reader.read(in, where));
                } catch (IOException x) {
                    throw new DataException(where + ": corrupt or truncated entry: " + x, x);
                }
            }
        } catch (ZipException e) {
            throw new DataException(file + ": not a readable .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
        if (out.isEmpty()) {
            throw new DataException(file + ": the .npz archive holds no arrays");
        }
        return out;
    }
}
