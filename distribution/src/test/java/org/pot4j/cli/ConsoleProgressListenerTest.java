package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressListenerTest {
    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ConsoleProgressListener listener(boolean terminal) {
        return new ConsoleProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal,
                10_000_000_000L, now::get);
    }

    @Test
    void logLinesComeEveryTenthAndAtTheEnd() {
        ConsoleProgressListener l = listener(false);
        l.started("statistics", 100);
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(100_000_000L);
            l.progressed(i);
        }
        l.finished();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("statistics: started, 100 steps", lines[0]);
        assertEquals("statistics: 10/100 (10%), 10.0/s, ETA 9 s", lines[1]);
        assertEquals(11, lines.length, String.join("\n", lines));
        assertEquals("statistics: done in 10.0 s", lines[10]);
    }

    @Test
    void aTerminalGetsABarRedrawnInPlace() {
        ConsoleProgressListener l = listener(true);
        l.started("evaluation", 4);
        now.addAndGet(1_000_000_000L);
        l.progressed(2);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\revaluation [###############               ] 2/4 (50%), 2.0/s, ETA 1 s"), out);
        assertTrue(!out.contains("\n"), "a bar does not scroll");
    }

    @Test
    void aShorterRedrawBlanksWhatTheLongerOneLeft() {
        ConsoleProgressListener l = listener(true);
        l.started("evaluation", 4);
        now.addAndGet(1_000_000_000L);
        l.progressed(1);                  // "..., 1.0/s, ETA 3 s"
        now.addAndGet(1_000_000_000L);
        l.progressed(4);                  // "..., 2.0/s": no ETA, shorter
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] frames = out.split("\r");
        String longer = frames[frames.length - 2];
        String last = frames[frames.length - 1];
        assertTrue(longer.endsWith("ETA 3 s"), longer);
        assertEquals(longer.length(), last.length(), "the last frame covers the whole previous one:\n" + out);
        assertTrue(last.strip().endsWith("4/4 (100%), 2.0/s"), last);
    }

    @Test
    void modesChooseBarOrLines() {
        // --progress-bar draws a bar even when standard error is not a terminal; --stream-output always prints lines
        assertTrue(ConsoleProgressListener.forStandardError(ConsoleProgressListener.Mode.BAR).drawsBar());
        assertTrue(!ConsoleProgressListener.forStandardError(ConsoleProgressListener.Mode.LINES).drawsBar());
    }
}
