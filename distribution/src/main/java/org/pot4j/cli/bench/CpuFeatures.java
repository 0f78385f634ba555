package org.pot4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU features that decide how fast int8 runs in ONNX Runtime's MLAS kernels (ORT_QDQ_FUSION.md §5.3), read from
 * {@code /proc/cpuinfo}.
 *
 * @param arch  {@code os.arch}
 * @param flags the first processor's flags (x86 {@code flags}, ARM {@code Features}); empty when unknown
 * @param known whether the flags could be read (Linux)
 */
public record CpuFeatures(String arch, Set<String> flags, boolean known) {
    /** The x86 features shown, in order. */
    public static final List<String> X86 = List.of("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_tile", "amx_int8",
            "avx_vnni_int8");
    /** The ARM64 features shown: dot product and int8 matrix multiply. */
    public static final List<String> ARM = List.of("asimddp", "i8mm");

    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** This machine's features. */
    public static CpuFeatures detect() {
        String arch = System.getProperty("os.arch", "unknown");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            return Files.isReadable(cpuinfo) ? parse(Files.readString(cpuinfo), arch) : new CpuFeatures(arch, Set.of(), false);
        } catch (IOException e) {
            return new CpuFeatures(arch, Set.of(), false);
        }
    }

    /** The features in {@code cpuinfo} (the text of {@code /proc/cpuinfo}). */
    public static CpuFeatures parse(String cpuinfo, String arch) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon).trim();
            if (key.equals("flags") || key.equals("Features")) {
                Set<String> flags = new TreeSet<>(List.of(line.substring(colon + 1).trim().split("\\s+")));
                return new CpuFeatures(arch, flags, true);
            }
        }
        return new CpuFeatures(arch, Set.of(), false);
    }

    private boolean arm() {
        String a = arch.toLowerCase(Locale.ROOT);
        return a.equals("aarch64") || a.equals("arm64");
    }

    private boolean has(String flag) {
        return flags.contains(flag);
    }

    /** One line: each relevant feature with yes/no, or "unknown". */
    public String summary() {
        if (!known) {
            return "CPU features: unknown (no /proc/cpuinfo flags: not Linux)";
        }
        List<String> parts = new ArrayList<>();
        for (String f : arm() ? ARM : X86) {
            parts.add(f + " " + (has(f) ? "yes" : "no"));
        }
        return "CPU features (" + arch + "): " + String.join(", ", parts);
    }

    /** What the features mean for int8 in ONNX Runtime's kernels. */
    public String int8Meaning() {
        if (!known) {
            return "int8: cannot tell which integer kernels ONNX Runtime picks on this CPU";
        }
        if (arm()) {
            return "int8: ARM64 runs U8S8, U8U8 and S8S8 on NEON kernels" + (has("i8mm") ? ", fastest with i8mm"
                    : has("asimddp") ? ", fast with the dot-product instructions" : " without dot-product instructions (slow)");
        }
        if (has("amx_tile") && has("amx_int8")) {
            return "int8: AMX tiles - ONNX Runtime's fastest U8S8 kernels; INT8 should be clearly faster than FP32 when "
                    + "its Conv/MatMul run as integer kernels";
        }
        if (has("avx512_vnni") || has("avx_vnni")) {
            return "int8: VNNI - fast U8S8 kernels without saturation; INT8 should be faster than FP32 when its "
                    + "Conv/MatMul run as integer kernels (S8S8 needs avx_vnni_int8" + (has("avx_vnni_int8") ? ", present)"
                    : ", absent: keep activations uint8)");
        }
        if (has("avx2")) {
            return "int8: AVX2 without VNNI - U8S8 kernels sum 16-bit pairs that can saturate (7-bit weights avoid it) "
                    + "and gain little over FP32; INT8 may not be faster here";
        }
        return "int8: no AVX2 - only the baseline SSE integer kernels; INT8 is unlikely to be faster";
    }
}
