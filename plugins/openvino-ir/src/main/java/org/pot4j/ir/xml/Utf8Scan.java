package org.pot4j.ir.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the first byte of a file that is not valid UTF-8, to say where a decoding error is. */
final class Utf8Scan {
    private Utf8Scan() {
    }

    /** {line (1-based), byte offset} of the first invalid UTF-8 sequence, if any (empty too when unreadable). */
    static Optional<long[]> firstInvalid(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long consumed = 0;
        long line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                end = n < 0;
                in.position(in.position() + Math.max(n, 0));
                in.flip();
                int start = in.position();
                CoderResult r = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    line += in.get(i) == '\n' ? 1 : 0;
                }
                consumed += in.position() - start;
                if (r.isError()) {
                    return Optional.of(new long[] {line, consumed});
                }
                out.clear();
                in.compact();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
