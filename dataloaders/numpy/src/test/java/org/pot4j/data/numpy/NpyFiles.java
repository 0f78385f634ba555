package org.pot4j.data.numpy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes .npy and .npz fixtures byte by byte, laid out as NumPy 2.x writes them (checked against np.save): magic,
 * version, little-endian header length, the header dict padded with spaces and a newline to a multiple of 64 bytes.
 */
final class NpyFiles {
    private NpyFiles() {
    }

    /** A version 1.0 .npy file. */
    static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        return npy(1, descr, fortran, shape, data);
    }

    static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        return npyWithHeader(major, dict, data);
    }

    static byte[] npyWithHeader(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        int len = header.length();
        out.write(len & 0xff);
        out.write((len >> 8) & 0xff);
        if (major != 1) {
            out.write((len >> 16) & 0xff);
            out.write((len >> 24) & 0xff);
        }
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Little-endian f32 bytes. */
    static byte[] f32(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An .npz archive with one {@code name.npy} entry per array, stored (as np.savez) or deflated (as savez_compressed). */
    static Path npz(Path file, boolean deflate, Map<String, byte[]> arrays) {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                // A key with an extension is taken as the entry name itself (to write foreign entries).
                ZipEntry entry = new ZipEntry(e.getKey().contains(".") ? e.getKey() : e.getKey() + ".npy");
                byte[] bytes = e.getValue();
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                } else {
                    entry.setMethod(ZipEntry.DEFLATED);
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The zip bytes with the uncompressed size of entry {@code name} in the central directory (what
     * {@link java.util.zip.ZipFile} trusts) replaced by {@code size}: an archive that lies about an entry.
     */
    static byte[] withDeclaredSize(byte[] zip, String name, long size) {
        byte[] out = zip.clone();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 <= out.length; at++) {
            if (b.getInt(at) != 0x02014b50) {
                continue;
            }
            int nameLength = b.getShort(at + 28) & 0xffff;
            if (java.util.Arrays.equals(out, at + 46, at + 46 + nameLength, wanted, 0, wanted.length)) {
                b.putInt(at + 24, (int) size);
                return out;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }
}
