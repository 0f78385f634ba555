package org.pot4j.engine.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.IrModelFormat;

/**
 * Latency at batch 1 and throughput at batch 8 of squeezenet1.1 and face-detection-retail-0005, with effective
 * GFLOPS (2 x MACs of Convolution, GroupConvolution and MatMul, counted from the graph). Not a unit test: run it with
 * {@code mvn -o -pl engines/reference -Pbenchmark verify} (see the README). Args: [assets dir] [seconds per case].
 */
public final class ReferenceBenchmark {
    private ReferenceBenchmark() {
    }

    /** One engine configuration compared in the same run. */
    private record Config(String label, Map<String, Object> options) {
    }

    public static void main(String[] args) throws Exception {
        Path assets = Path.of(args.length > 0 ? args[0] : System.getProperty("pot4j.assets", "../shared/assets"));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int threads = Runtime.getRuntime().availableProcessors();
        String[][] cases = {
            {"squeezenet1.1 v11", "ir/squeezenet1.1/v11/squeezenet1.1.xml", "227"},
            {"face-detection-retail-0005", "ir/face-detection-retail-0005/FP32/face-detection-retail-0005.xml", "300"},
        };
        // configurations are interleaved in short rounds, so a load change on the shared machine hits all of them
        List<Config> configs = List.of(
                new Config("fused, " + threads + " threads", Map.of("threads", threads)),
                new Config("unfused, " + threads + " threads", Map.of("threads", threads, "fusion", false)),
                new Config("fused, 1 thread", Map.of("threads", 1)));
        System.out.printf("reference engine, %s, %s%n", kernels(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (String[] c : cases) {
            Path xml = assets.resolve(c[1]);
            if (!Files.exists(xml)) {
                System.out.println("skipped " + c[0] + ": " + xml + " not found");
                continue;
            }
            Model model = new IrModelFormat().read(ModelSource.of(xml));
            double gflop = 2 * macs(model.graph()) / 1e9;
            int size = Integer.parseInt(c[2]);
            for (int batch : new int[] {1, 8}) {
                Tensor input = input(batch, size);
                List<Engine> engines = new ArrayList<>();
                List<List<Double>> times = new ArrayList<>();
                long[] cpuNanos = new long[configs.size()];
                for (Config cfg : configs) {
                    Engine e = OpRunner.engine(cfg.options());
                    e.setModel(model);
                    for (int w = 0; w < 3; w++) {
                        e.infer(Map.of("", input));
                    }
                    ((ReferenceEngine) e).takeProfileMillis();
                    engines.add(e);
                    times.add(new ArrayList<>());
                }
                long end = System.nanoTime() + (long) (seconds * configs.size() * 1e9);
                while (System.nanoTime() < end || times.get(0).size() < 3) {
                    for (int i = 0; i < configs.size(); i++) {
                        long roundEnd = System.nanoTime() + 300_000_000L;
                        long cpu0 = processCpuNanos();
                        do {
                            long t0 = System.nanoTime();
                            engines.get(i).infer(Map.of("", input));
                            times.get(i).add((System.nanoTime() - t0) / 1e6);
                        } while (System.nanoTime() < roundEnd);
                        cpuNanos[i] += processCpuNanos() - cpu0;
                    }
                }
                double base = 0;
                for (int i = 0; i < configs.size(); i++) {
                    List<Double> t = times.get(i);
                    t.sort(Double::compare);
                    double median = t.get(t.size() / 2);
                    if (i == 0) {
                        base = median;
                    }
                    Map<String, Double> prof = ((ReferenceEngine) engines.get(i)).takeProfileMillis();
                    if (!prof.isEmpty()) {
                        StringBuilder b = new StringBuilder("    per run:");
                        prof.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                                .forEach(x -> b.append(String.format(" %s %.1f ms,", x.getKey(), x.getValue() / t.size())));
                        System.out.println(b);
                    }
                    double cpuMs = cpuNanos[i] / 1e6 / t.size();
                    System.out.printf("%-28s batch %d, %-18s median %.2f ms (min %.2f), %.1f images/s, %.1f effective GFLOPS"
                                    + " (%.1f at the min), %.1f GFLOPS per CPU-second (%.2f GFLOP/image, %d runs), %.2fx the first%n",
                            c[0], batch, cfg(configs, i) + ":", median, t.get(0), batch * 1000 / median,
                            gflop * batch / (median / 1000), gflop * batch / (t.get(0) / 1000), gflop * batch / (cpuMs / 1000),
                            gflop, t.size(), median / base);
                    engines.get(i).close();
                }
            }
        }
    }

    /** CPU time of the whole JVM (all engine threads), less sensitive than wall time to other load on the machine. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static String cfg(List<Config> configs, int i) {
        return configs.get(i).label();
    }

    private static String kernels() {
        try (Engine e = OpRunner.engine(Map.of("threads", 1))) {
            return "gemm " + ((ReferenceEngine) e).kernelName() + ", loops " + ((ReferenceEngine) e).loopsName();
        }
    }

    private static Tensor input(int batch, int size) {
        float[] v = new float[batch * 3 * size * size];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 255 - 128;
        }
        return Tensor.ofFloats(v, batch, 3, size, size);
    }

    /** Multiply-accumulates per image of the convolutions and matrix products, from the graph's static shapes. */
    static double macs(Graph g) {
        double total = 0;
        for (Node n : g.nodes()) {
            String k = n.kind();
            if (!k.equals(OpKinds.CONVOLUTION) && !k.equals(OpKinds.GROUP_CONVOLUTION) && !k.equals(OpKinds.MAT_MUL)) {
                continue;
            }
            Shape out = n.output(0).shape();
            Shape w = g.outputPort(n.input(1).orElseThrow()).shape();
            if (!out.isStatic() || !w.isStatic()) {
                continue;
            }
            double perImage = out.elementCount() / (double) Math.max(1, out.dim(0));
            if (k.equals(OpKinds.MAT_MUL)) {
                Shape a = g.outputPort(n.input(0).orElseThrow()).shape();
                boolean ta = n.attributes().booleanValue("transpose_a", false);
                long kk = ta ? a.dim(a.rank() - 2) : a.dim(a.rank() - 1);
                total += (out.rank() > 2 ? out.elementCount() / (double) Math.max(1, out.dim(0)) : out.elementCount()) * kk;
            } else {
                total += perImage * (w.elementCount() / (double) out.dim(1));
            }
        }
        return total;
    }
}
