package org.pot4j.ir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.pot4j.api.model.ModelSource;

/**
 * Times reading (XML + mapped .bin + graph view) and writing every IR under a folder, as wall-clock and as CPU
 * time of the calling thread (both single-threaded; CPU time stays meaningful on a machine shared with other
 * work). Not a test: run it by hand, see the module README for the command.
 */
public final class IrReadWriteBenchmark {
    private IrReadWriteBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/assets/ir");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Path> irs;
        try (Stream<Path> files = Files.walk(root)) {
            irs = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        IrModelFormat format = new IrModelFormat();
        Path out = Files.createTempDirectory("ir-bench");
        // Warm up the JIT on every file once.
        for (Path xml : irs) {
            format.write(format.read(ModelSource.of(xml)), out, "warm");
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf("%-70s %7s %7s %9s %9s %9s %9s%n", "model", "layers", "edges", "read ms", "read cpu", "write ms",
                "write cpu");
        for (Path xml : irs) {
            long read = 0;
            long write = 0;
            long readCpu = 0;
            long writeCpu = 0;
            IrModel model = null;
            for (int i = 0; i < repeats; i++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                model = format.read(ModelSource.of(xml));
                long c1 = cpu.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                format.write(model, out, "bench");
                long c2 = cpu.getCurrentThreadCpuTime();
                long t2 = System.nanoTime();
                read += t1 - t0;
                write += t2 - t1;
                readCpu += c1 - c0;
                writeCpu += c2 - c1;
            }
            System.out.printf("%-70s %7d %7d %9.1f %9.1f %9.1f %9.1f%n", root.relativize(xml),
                    model.document().layers().size(), model.document().edges().size(), read / 1e6 / repeats,
                    readCpu / 1e6 / repeats, write / 1e6 / repeats, writeCpu / 1e6 / repeats);
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(out);
    }
}
