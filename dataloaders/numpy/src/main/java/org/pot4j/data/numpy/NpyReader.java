package org.pot4j.data.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Reads one array in the {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a version, a
 * little-endian header length, the header dict, then the data. Big-endian data is swapped to the little-endian
 * order pot4j tensors use, Fortran-order data is rearranged into C order.
 *
 * <p>Sizes from the file are checked before anything is allocated: the header is at most
 * {@link #MAX_HEADER_BYTES} long (NumPy's own {@code max_header_size}), the array's byte size must fit
 * {@link NpyHeader#MAX_ARRAY_BYTES} and the heap, and when the caller knows how many bytes the file or archive entry
 * holds, the data must fill exactly that many; the data read must also end exactly where the shape says.
 */
final class NpyReader {
    /** NumPy refuses longer headers by default ({@code numpy.lib.format}, {@code max_header_size=10000}). */
    static final int MAX_HEADER_BYTES = 10_000;
    /** A size that is not known in advance. */
    static final long UNKNOWN_SIZE = -1;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    /**
     * Reads the header and leaves {@code in} at the first data byte.
     *
     * @param size the total number of bytes of the array (file or entry), or {@link #UNKNOWN_SIZE}; when known, the
     *             header's shape and dtype must account for exactly the bytes after the header
     */
    static NpyHeader readHeader(InputStream in, String where, long size) throws IOException {
        byte[] start = in.readNBytes(8);
        if (start.length < 8) {
            throw new DataException(where + ": not a .npy array (only " + start.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw new DataException(where + ": not a .npy array (no \\x93NUMPY magic at the start)");
            }
        }
        int major = start[6] & 0xff;
        long length;
        int prefix;
        if (major == 1) {
            byte[] len = in.readNBytes(2);
            length = len.length < 2 ? -1 : (len[0] & 0xff) | (len[1] & 0xff) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] len = in.readNBytes(4);
            length = len.length < 4 ? -1 : ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            prefix = 12;
        } else {
            throw new DataException(where + ": .npy format version " + major + "." + (start[7] & 0xff) + " is not supported");
        }
        if (length < 0) {
            throw new DataException(where + ": truncated .npy header (no header length)");
        }
        if (length > MAX_HEADER_BYTES) {
            throw new DataException(where + ": .npy header of " + length + " bytes is longer than NumPy's limit of "
                    + MAX_HEADER_BYTES + " (max_header_size)");
        }
        byte[] header = in.readNBytes((int) length);
        if (header.length < length) {
            throw new DataException(where + ": truncated .npy header");
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader parsed = NpyHeader.parse(text, where);
        if (size != UNKNOWN_SIZE) {
            checkDataSize(parsed, size - prefix - length, where);
        }
        return parsed;
    }

    /**
     * Reads a whole array.
     *
     * @param size the total number of bytes of the array (file or entry), or {@link #UNKNOWN_SIZE}
     */
    static Tensor read(InputStream in, String where, long size) throws IOException {
        NpyHeader header = readHeader(in, where, size);
        long bytes = header.byteSize();
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new DataException(where + ": " + describe(header) + " needs " + bytes
                    + " bytes, more than the Java heap's maximum of " + heap + " bytes (-Xmx)");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new DataException(where + ": truncated data: " + describe(header) + " needs " + bytes
                    + " bytes, found " + data.length);
        }
        if (in.read() >= 0) {
            throw new DataException(where + ": more data than " + describe(header) + " needs (" + bytes + " bytes)");
        }
        if (header.dtype().bigEndian()) {
            swapBytes(data, header.dtype().itemSize());
        }
        if (header.fortranOrder()) {
            data = FortranOrder.toC(data, header.shape().dims(), header.dtype().itemSize());
        }
        return Tensor.of(header.dtype().type(), header.shape(), ByteBuffer.wrap(data));
    }

    private static void checkDataSize(NpyHeader header, long available, String where) {
        long bytes = header.byteSize();
        if (available < bytes) {
            throw new DataException(where + ": truncated data: " + describe(header) + " needs " + bytes
                    + " bytes, found " + Math.max(0, available));
        }
        if (available > bytes) {
            throw new DataException(where + ": " + available + " data bytes, but " + describe(header) + " needs "
                    + bytes);
        }
    }

    private static String describe(NpyHeader header) {
        return "shape " + header.shape() + " of " + header.dtype().type().irName();
    }

    private static void swapBytes(byte[] data, int itemSize) {
        for (int off = 0; off < data.length; off += itemSize) {
            for (int i = 0, j = itemSize - 1; i < j; i++, j--) {
                byte t = data[off + i];
                data[off + i] = data[off + j];
                data[off + j] = t;
            }
        }
    }
}
