package org.pot4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's peak resident memory (Linux's {@code VmHWM} in {@code /proc/self/status}), for the run log. */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** The peak resident set size in bytes, or empty where the system does not report it. */
    public static OptionalLong peakResidentBytes() {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** "peak memory 812 MB resident, heap limit 6144 MB", or just the heap limit where the peak is unknown. */
    public static String describe() {
        long limit = Runtime.getRuntime().maxMemory() >> 20;
        OptionalLong peak = peakResidentBytes();
        return (peak.isPresent() ? "peak memory " + (peak.getAsLong() >> 20) + " MB resident, " : "")
                + "heap limit " + limit + " MB";
    }
}
