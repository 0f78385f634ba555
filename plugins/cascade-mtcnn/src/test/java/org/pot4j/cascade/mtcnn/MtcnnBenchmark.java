package org.pot4j.cascade.mtcnn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

/**
 * Time per image of the FP32 MT-CNN cascade (facenet-pytorch export) with each delegate engine, plain inference and
 * a statistics pass (min and max at every PReLU and SoftMax of every stage, as MinMax would ask). Not a test:
 * {@code java -cp <test class path> org.pot4j.cascade.mtcnn.MtcnnBenchmark <assets> [delegate...]}.
 */
public final class MtcnnBenchmark {
    private MtcnnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("pot4j.assets", args.length > 0 ? args[0] : "../shared/assets");
        List<String> delegates = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("onnxruntime", "reference");
        Path tmp = Files.createTempDirectory("mtcnn-bench");
        List<String> files = new ArrayList<>();
        Path portraits = Path.of(System.getProperty("pot4j.assets"), "images/faces/portraits");
        try (Stream<Path> s = Files.list(portraits)) {
            s.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(p -> files.add("images/faces/portraits/" + p.getFileName()));
        }
        DataLoader images = MtcnnFixtures.images(tmp, files.toArray(new String[0]));
        CascadeModel model = MtcnnFixtures.facenetCascade();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%d images (%s), %d cores, load %.1f%n", images.size(), portraits,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String delegate : delegates) {
            try (MtcnnEngine e = MtcnnFixtures.engine(images, delegate, Map.of(), null)) {
                e.setModel(model);
                for (int i = 0; i < images.size(); i++) {
                    e.infer(images.get(i).inputs());   // warm-up
                }
                int faces = 0;
                long wall = 0;
                long cpu = 0;
                for (int i = 0; i < images.size(); i++) {
                    var item = images.get(i);
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    faces += (int) e.infer(item.inputs()).get(MtcnnEngine.BOXES).shape().dim(0);
                    wall += System.nanoTime() - t0;
                    cpu += threads.getCurrentThreadCpuTime() - c0;
                }
                System.out.printf("%-12s inference   %7.1f ms/image wall, %7.1f ms/image CPU of the calling thread, %d faces%n",
                        delegate, wall / 1e6 / images.size(), cpu / 1e6 / images.size(), faces);
                long t0 = System.nanoTime();
                e.predict(PredictRequest.statistics(Sampler.sequential(images.size(), 1), minMaxEverywhere(model),
                        ProgressListener.NONE));
                System.out.printf("%-12s statistics  %7.1f ms/image wall (%d ports)%n", delegate,
                        (System.nanoTime() - t0) / 1e6 / images.size(), minMaxEverywhere(model).ports().size());
            }
        }
    }

    static StatisticsRequest minMaxEverywhere(CascadeModel model) {
        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        for (Model stage : model.subModels()) {
            StatisticsRequest.Builder b = StatisticsRequest.builder();
            for (Node n : stage.graph().nodes()) {
                if (n.kind().equals(OpKinds.PRELU) || n.kind().equals(OpKinds.SOFTMAX)) {
                    b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MEAN)
                            .withName("min_min"));
                    b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MEAN)
                            .withName("max_max"));
                }
            }
            byStage.put(stage.name(), b.build());
        }
        return CascadePorts.combine(byStage);
    }
}
