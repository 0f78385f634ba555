package org.pot4j.cli.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.pot4j.api.engine.KernelReport;

/** A kernel report as the lines {@code pot4j benchmark} prints. */
public final class KernelReportText {
    private KernelReportText() {
    }

    /** The report of {@code model} on {@code engine}, each line ending in a newline. */
    public static String of(String engine, String model, KernelReport r) {
        StringBuilder b = new StringBuilder();
        b.append(engine).append(" kernels of ").append(model).append(" (").append(r.runtime()).append("):\n");
        if (r.quantizedOps() == 0) {
            b.append("  no quantized Conv/MatMul/Gemm (nothing to run as integer kernels)\n");
        } else {
            b.append(String.format(Locale.ROOT, "  %d of %d quantized Conv/MatMul/Gemm run as integer kernels "
                    + "(coverage %.0f %%)%n", r.integerOps(), r.quantizedOps(), 100 * r.coverage()));
        }
        b.append("  QuantizeLinear left: ").append(r.quantizeLinearLeft()).append(", DequantizeLinear left: ")
                .append(r.dequantizeLinearLeft()).append('\n');
        b.append("  ops: ").append(counts(r.opCounts())).append('\n');
        for (KernelReport.FloatOp op : r.floatOps()) {
            b.append("  float ").append(op.opType()).append(" '").append(op.node()).append("': ").append(op.reason())
                    .append('\n');
        }
        if (!r.floatOpsBetweenQdq().isEmpty()) {
            b.append("  other float ops between DequantizeLinear and QuantizeLinear (no CPU integer kernel, or their "
                    + "unit did not fuse): ").append(counts(r.floatOpsBetweenQdq())).append('\n');
        }
        if (!r.kernelMillisByOp().isEmpty()) {
            b.append("  kernel ms per inference: ").append(r.kernelMillisByOp().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return b.toString();
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
