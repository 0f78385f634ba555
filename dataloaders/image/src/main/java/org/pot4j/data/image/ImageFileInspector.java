package org.pot4j.data.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pot4j.api.error.DataException;

/**
 * Checks that a file is a complete JPEG, PNG or BMP image from its header and tail, without decoding it. This is
 * needed because OpenCV decodes a truncated JPEG silently (the missing part comes out gray), so truncation is
 * detected here: a JPEG must contain its end-of-image marker (FF D9), a PNG its IEND chunk, a BMP its declared size,
 * each within the last {@value #TAIL} bytes to tolerate padding some writers append.
 */
final class ImageFileInspector {
    static final int TAIL = 1024;

    private ImageFileInspector() {
    }

    /** The header facts of {@code file}, from its contents (never its name). */
    static ImageFileInfo inspect(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw bad(file, "the file is empty");
            }
            ByteBuffer head = read(ch, 0, (int) Math.min(size, 32));
            int b0 = head.get(0) & 0xff;
            int b1 = head.limit() > 1 ? head.get(1) & 0xff : -1;
            if (b0 == 0xFF && b1 == 0xD8) {
                return inspectJpeg(file, ch, size);
            }
            if (head.limit() >= 8 && head.getLong(0) == 0x89504E470D0A1A0AL) {
                return inspectPng(file, ch, size, head);
            }
            if (b0 == 'B' && b1 == 'M') {
                return inspectBmp(file, size, head);
            }
            throw bad(file, "not a JPEG, PNG or BMP image (the file starts with bytes " + hex(head, 4) + ")");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e, e);
        }
    }

    private static ImageFileInfo inspectJpeg(Path file, FileChannel ch, long size) throws IOException {
        long pos = 2;
        Integer width = null;
        Integer height = null;
        int components = 0;
        // Walk the marker segments up to the first frame header (SOFn); entropy-coded data only starts after SOS.
        while (width == null) {
            if (pos + 4 > size) {
                throw bad(file, "truncated JPEG: the file ends inside its headers, before the frame header");
            }
            ByteBuffer m = read(ch, pos, 4);
            if ((m.get(0) & 0xff) != 0xFF) {
                throw bad(file, "corrupt JPEG: no marker at byte " + pos);
            }
            int marker = m.get(1) & 0xff;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw bad(file, "corrupt JPEG: no frame header before marker " + String.format("FF%02X", marker));
            }
            int length = m.getShort(2) & 0xffff;
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (pos + 10 > size) {
                    throw bad(file, "truncated JPEG: the file ends inside the frame header");
                }
                ByteBuffer sof = read(ch, pos + 4, 6);
                height = sof.getShort(1) & 0xffff;
                width = sof.getShort(3) & 0xffff;
                components = sof.get(5) & 0xff;
            }
            pos += 2 + length;
        }
        if (!tailContains(ch, size, new byte[] {(byte) 0xFF, (byte) 0xD9})) {
            throw bad(file, "truncated JPEG: no end-of-image marker (FF D9) at the end of the file");
        }
        if (width == 0 || height == 0 || (components != 1 && components != 3 && components != 4)) {
            throw bad(file, "unsupported JPEG frame: " + width + "x" + height + " with " + components + " components");
        }
        return new ImageFileInfo(file, "JPEG", width, height, components == 1 ? 1 : 3);
    }

    private static ImageFileInfo inspectPng(Path file, FileChannel ch, long size, ByteBuffer head) throws IOException {
        if (head.limit() < 26 || head.getInt(12) != 0x49484452) {
            throw bad(file, "corrupt PNG: the IHDR chunk is missing");
        }
        int width = head.getInt(16);
        int height = head.getInt(20);
        int colorType = head.get(25) & 0xff;
        int channels;
        switch (colorType) {
            case 0: channels = 1; break;
            case 2: case 3: channels = 3; break;
            case 4: channels = 2; break;
            case 6: channels = 4; break;
            default: throw bad(file, "corrupt PNG: colour type " + colorType);
        }
        if (!tailContains(ch, size, new byte[] {'I', 'E', 'N', 'D'})) {
            throw bad(file, "truncated PNG: no IEND chunk at the end of the file");
        }
        if (width <= 0 || height <= 0) {
            throw bad(file, "corrupt PNG: size " + width + "x" + height);
        }
        return new ImageFileInfo(file, "PNG", width, height, channels);
    }

    private static ImageFileInfo inspectBmp(Path file, long size, ByteBuffer head) {
        if (head.limit() < 30) {
            throw bad(file, "truncated BMP: the file ends inside its header");
        }
        head.order(ByteOrder.LITTLE_ENDIAN);
        long declared = head.getInt(2) & 0xffffffffL;
        if (declared > size) {
            throw bad(file, "truncated BMP: the header declares " + declared + " bytes, the file has " + size);
        }
        int width = head.getInt(18);
        int height = Math.abs(head.getInt(22));
        int bits = head.getShort(28) & 0xffff;
        if (width <= 0 || height == 0) {
            throw bad(file, "corrupt BMP: size " + width + "x" + height);
        }
        return new ImageFileInfo(file, "BMP", width, height, bits == 32 ? 4 : 3);
    }

    private static boolean tailContains(FileChannel ch, long size, byte[] needle) throws IOException {
        int n = (int) Math.min(size, TAIL);
        ByteBuffer tail = read(ch, size - n, n);
        outer:
        for (int i = n - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (tail.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    private static String hex(ByteBuffer b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.limit()); i++) {
            s.append(String.format("%02X ", b.get(i) & 0xff));
        }
        return s.toString().trim();
    }

    private static DataException bad(Path file, String why) {
        return new DataException(file + ": " + why);
    }
}
