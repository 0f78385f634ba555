package org.pot4j.data.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Removes the embedded colour profile (the {@code iCCP} chunk) from PNG bytes before OpenCV decodes them in colour.
 *
 * <p>libpng checks the profile while reading it and prints warnings such as
 * {@code libpng warning: iCCP: known incorrect sRGB profile} from native code straight to standard error, where they
 * break a progress bar and cannot be silenced. OpenCV does not apply the profile to colour pixels, so a colour (or
 * BGRA) decode gives the same pixels without it. A grayscale decode does not: libpng converts colour to gray in the
 * profile's colour space, so grayscale decoding keeps the chunk (and libpng's warning). Bytes that are not a PNG, or
 * whose chunk structure does not add up, are returned as they are (OpenCV reports what is wrong with them).
 */
final class PngColorProfile {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int ICCP = ('i' << 24) | ('C' << 16) | ('C' << 8) | 'P';

    private PngColorProfile() {
    }

    /**
     * The PNG without its {@code iCCP} chunk.
     *
     * @param encoded the file contents
     * @return the same array when there is nothing to remove, else a copy without the chunk
     */
    static byte[] strip(byte[] encoded) {
        if (encoded.length < SIGNATURE.length || !Arrays.equals(encoded, 0, SIGNATURE.length, SIGNATURE, 0,
                SIGNATURE.length)) {
            return encoded;
        }
        int iccpStart = -1;
        int iccpEnd = -1;
        int at = SIGNATURE.length;
        while (at + 12 <= encoded.length) {
            long length = intAt(encoded, at) & 0xffffffffL;
            long end = at + 12 + length;
            if (end > encoded.length) {
                return encoded;
            }
            if (intAt(encoded, at + 4) == ICCP) {
                iccpStart = at;
                iccpEnd = (int) end;
                break;
            }
            at = (int) end;
        }
        if (iccpStart < 0) {
            return encoded;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length - (iccpEnd - iccpStart));
        out.write(encoded, 0, iccpStart);
        out.write(encoded, iccpEnd, encoded.length - iccpEnd);
        return out.toByteArray();
    }

    private static int intAt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
