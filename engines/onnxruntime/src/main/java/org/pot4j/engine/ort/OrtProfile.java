package org.pot4j.engine.ort;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ONNX Runtime's profile (a JSON array of Chrome trace events, one per line): the node events
 * ({@code "cat" : "Node"}, name ending in {@code _kernel_time}) summed by {@code args.op_name}.
 */
final class OrtProfile {
    private static final Pattern NODE = Pattern.compile("\"cat\"\\s*:\\s*\"Node\"");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DUR = Pattern.compile("\"dur\"\\s*:\\s*(\\d+)");
    private static final Pattern OP = Pattern.compile("\"op_name\"\\s*:\\s*\"([^\"]*)\"");

    private OrtProfile() {
    }

    /**
     * Kernel milliseconds per inference by op type; the first event of each node (the untimed first run) is skipped
     * and the rest divided by {@code runs}.
     */
    static Map<String, Double> kernelMillisByOp(String trace, int runs) {
        Map<String, Double> micros = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (String line : trace.split("\n")) {
            if (!NODE.matcher(line).find()) {
                continue;
            }
            Matcher name = NAME.matcher(line);
            Matcher dur = DUR.matcher(line);
            Matcher op = OP.matcher(line);
            if (!name.find() || !name.group(1).endsWith("_kernel_time") || !dur.find() || !op.find()) {
                continue;
            }
            if (seen.add(name.group(1))) {
                continue;
            }
            micros.merge(op.group(1), Double.parseDouble(dur.group(1)), Double::sum);
        }
        Map<String, Double> millis = new TreeMap<>();
        micros.forEach((k, v) -> millis.put(k, v / 1000.0 / runs));
        return millis;
    }
}
