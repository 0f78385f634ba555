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
 * little-endian header length, the header dict, then the C-order data. Big-endian data is swapped to the
 * little-endian order pot4j tensors use.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    /** Reads the header and leaves {@code in} at the first data byte. */
    static NpyHeader readHeader(InputStream in, String where) throws IOException {
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
        if (major == 1) {
            byte[] len = in.readNBytes(2);
            length = len.length < 2 ? -1 : (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = in.readNBytes(4);
            length = len.length < 4 ? -1 : ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new DataException(where + ": .npy format version " + major + "." + (start[7] & 0xff) + " is not supported");
        }
        if (length < 0 || length > 1 << 20) {
            throw new DataException(where + ": truncated or corrupt .npy header length");
        }
        byte[] header = in.readNBytes((int) length);
        if (header.length < length) {
            throw new DataException(where + ": truncated .npy header");
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return NpyHeader.parse(text, where);
    }

    /** Reads a whole array. */
    static Tensor read(InputStream in, String where) throws IOException {
        NpyHeader header = readHeader(in, where);
        long count = header.shape().elementCount();
        long bytes = count * header.dtype().itemSize();
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new DataException(where + ": array of " + bytes + " bytes is larger than 2 GiB");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new DataException(where + ": truncated data: shape " + header.shape() + " of " + header.dtype().type().irName()
                    + " needs " + bytes + " bytes, found " + data.length);
        }
        if (header.dtype().bigEndian()) {
            swapBytes(data, header.dtype().itemSize());
        }
        return Tensor.of(header.dtype().type(), header.shape(), ByteBuffer.wrap(data));
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
