package org.pot4j.cli;

import java.nio.file.Path;
import org.pot4j.cli.run.QuantizationJob;
import picocli.CommandLine.Option;

/** Where and how {@code quantize} and {@code run} write their result (POT's {@code --output-dir}, {@code -d}). */
final class OutputOptions {
    @Option(names = "--output-dir", defaultValue = "results", paramLabel = "DIR",
            description = "Where results go, default ./${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = {"-d", "--direct-dump"}, description = "Write to <output-dir>/optimized without subfolders.")
    boolean direct;

    @Option(names = "--keep-uncompressed-weights", description = "Keep quantized weights as floats (no int8 weights).")
    boolean keepUncompressedWeights;

    QuantizationJob.OutputOptions toJob() {
        return new QuantizationJob.OutputOptions(outputDir, direct, keepUncompressedWeights);
    }
}
