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
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.StageStatistics;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

/**
 * Time per image of the FP32 MT-CNN cascade (facenet-pytorch export) with each delegate engine, plain inference and
 * a statistics pass (min and max at every PReLU and SoftMax of every stage, as MinMax would ask). Not a test:
 * {@code java -cp <test class path> org.pot4j.cascade.mtcnn.MtcnnBenchmark <assets> [delegate...]}, or with
 * {@code int8} instead of delegates: DefaultQuantization of the stages and INT8-vs-FP32 agreement.
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
        if (delegates.contains("int8")) {
            DataLoader calibration = MtcnnFixtures.images(tmp, "images/faces/portraits/angelina_jolie.jpg",
                    "images/faces/portraits/ivan.jpg", "images/faces/portraits/kate_siegel.jpg",
                    "images/faces/portraits/paul_rudd.jpg", "images/faces/portraits/multiface.jpg");
            int8Agreement(model, calibration, tmp, "images/faces/portraits");
            int8Agreement(model, calibration, tmp, "images/faces/group-photos");
            return;
        }
        for (String delegate : delegates) {
            try (CascadeEngine e = MtcnnFixtures.engine(delegate, Map.of())) {
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
                    faces += (int) e.infer(item.inputs()).get(MtcnnCascade.BOXES).shape().dim(0);
                    wall += System.nanoTime() - t0;
                    cpu += threads.getCurrentThreadCpuTime() - c0;
                }
                System.out.printf("%-12s inference   %7.1f ms/image wall, %7.1f ms/image CPU of the calling thread, %d faces%n",
                        delegate, wall / 1e6 / images.size(), cpu / 1e6 / images.size(), faces);
                long t0 = System.nanoTime();
                MtcnnFixtures.loop(e, images, null).run(PredictRequest.statistics(Sampler.sequential(images.size(), 1),
                        minMaxEverywhere(model), ProgressListener.NONE));
                System.out.printf("%-12s statistics  %7.1f ms/image wall (%d ports)%n", delegate,
                        (System.nanoTime() - t0) / 1e6 / images.size(), minMaxEverywhere(model).ports().size());
            }
        }
    }

    /**
     * DefaultQuantization (performance, 5 calibration portraits) of every stage, then INT8 against FP32 with ONNX
     * Runtime on {@code folder}: time per image and agreement of the detections.
     */
    static void int8Agreement(CascadeModel fp32, DataLoader calibration, Path tmp, String folder) throws Exception {
        org.pot4j.api.algorithm.Algorithm dq = org.pot4j.core.cascade.PerStageAlgorithm.of(
                new org.pot4j.quantization.DefaultQuantizationFactory().create(
                        AlgorithmSettings.of(Map.of("preset", "performance", "stat_subset_size", 5)),
                        MtcnnFixtures.CONTEXT));
        Model int8;
        try (CascadeEngine engine = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            long t0 = System.nanoTime();
            int8 = org.pot4j.core.pipeline.Pipeline.create(List.of(dq), MtcnnFixtures.loop(engine, calibration, null))
                    .run(fp32);
            System.out.printf("DefaultQuantization of 3 stages on %d images: %.1f s%n", calibration.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("pot4j.assets"), folder))) {
            s.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(p -> files.add(folder + "/" + p.getFileName()));
        }
        DataLoader test = MtcnnFixtures.images(tmp, files.toArray(new String[0]));
        ReferenceDetections reference;
        long t0 = System.nanoTime();
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            e.setModel(fp32);
            reference = ReferenceDetections.record(e, test);
        }
        double fp32Ms = (System.nanoTime() - t0) / 1e6 / test.size();
        int faces = 0;
        for (int i = 0; i < test.size(); i++) {
            faces += (int) reference.boxes(i).shape().dim(0);
        }
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            e.setModel(int8);
            t0 = System.nanoTime();
            Map<String, Double> m = MtcnnFixtures.loop(e, reference, DetectionMetric.agreement(0.5))
                    .run(PredictRequest.evaluation(Sampler.sequential(test.size(), 1), ProgressListener.NONE))
                    .metrics();
            System.out.printf("%s: %d images, %d FP32 faces; FP32 %.1f ms/image (incl. decoding), INT8 %.1f ms/image; "
                    + "INT8 vs FP32 %s%n", folder, test.size(), faces, fp32Ms, (System.nanoTime() - t0) / 1e6 / test.size(), m);
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
        return StageStatistics.combine(byStage);
    }
}
