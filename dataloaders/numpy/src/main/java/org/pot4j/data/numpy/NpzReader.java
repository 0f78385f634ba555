package org.pot4j.data.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Reads {@code .npz} archives ({@code np.savez}: stored entries, {@code np.savez_compressed}: deflated), one
 * {@code name.npy} entry per array; the array's name is the entry name without {@code .npy}.
 *
 * <p>Entry names are only names: {@code ../x.npy} is the array {@code ../x}, and nothing is ever read or written
 * at a path made from it. An archive is refused (a {@link DataException} naming it and the entry) when it has more
 * than {@link #MAX_ENTRIES} entries, two entries of one name, an entry whose declared size disagrees with its
 * {@code .npy} header (checked before any data is allocated, so a small archive cannot make the reader allocate
 * gigabytes), or an entry that inflates to more or fewer bytes than it declares.
 */
final class NpzReader {
    /** The most entries an archive may hold: far more than any model has inputs. */
    static final int MAX_ENTRIES = 4096;

    private NpzReader() {
    }

    /** Every array's header, by name, in archive order. */
    static Map<String, NpyHeader> readHeaders(Path file) {
        return visit(file, NpyReader::readHeader);
    }

    /** Every array, by name, in archive order. */
    static Map<String, Tensor> read(Path file) {
        return visit(file, NpyReader::read);
    }

    private interface EntryReader<T> {
        T read(InputStream in, String where, long size) throws IOException;
    }

    private static <T> Map<String, T> visit(Path file, EntryReader<T> reader) {
        Map<String, T> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new DataException(file + ": the .npz archive has " + zip.size() + " entries, more than the "
                        + MAX_ENTRIES + " allowed");
            }
            List<ZipEntry> entries = entries(file, zip);
            checkTotalSize(file, entries);
            for (ZipEntry e : entries) {
                if (e.isDirectory()) {
                    continue;
                }
                String where = file + " entry '" + NpyHeader.quote(e.getName()) + "'";
                if (!e.getName().endsWith(".npy")) {
                    throw new DataException(where + ": an .npz entry must be a .npy array");
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                if (name.isEmpty()) {
                    throw new DataException(where + ": the array has an empty name");
                }
                if (out.containsKey(name)) {
                    throw new DataException(where + ": the archive holds two entries of this name");
                }
                if (e.getSize() < 0) {
                    throw new DataException(where + ": the entry does not declare its size");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, reader.read(in, where, e.getSize()));
                } catch (IOException x) {
                    throw new DataException(where + ": corrupt or truncated entry: " + x.getMessage(), x);
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

    /** The entries in archive order; the JDK reports a name or comment that is not valid UTF-8 as an IllegalArgumentException. */
    private static List<ZipEntry> entries(Path file, ZipFile zip) {
        try {
            return Collections.list(zip.entries()).stream().map(e -> (ZipEntry) e).toList();
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": not a readable .npz (zip) archive: an entry name or comment is not "
                    + "valid UTF-8 (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses an archive whose entries together declare more bytes than the heap can ever hold. */
    private static void checkTotalSize(Path file, List<ZipEntry> entries) {
        long heap = Runtime.getRuntime().maxMemory();
        long total = 0;
        for (ZipEntry e : entries) {
            total += Math.min(Math.max(0, e.getSize()), heap + 1);
            if (total > heap) {
                throw new DataException(file + ": the .npz entries declare more than " + heap
                        + " bytes, the Java heap's maximum (-Xmx)");
            }
        }
    }
}
