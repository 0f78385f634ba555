package org.pot4j.accuracyaware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestPluginContext;

/**
 * How long AccuracyAware's sensitivity ranking takes against one evaluation pass on the same samples (a benchmark, not
 * a unit test): squeezenet1.1 (the sample IR, reference engine) and mobilenet_v1_0.25_128 (ONNX, ONNX Runtime), each
 * measured inside one pipeline, so everything shares one statistics cache as in a real run:
 * <ol>
 *   <li>DefaultQuantization once (its statistics pass fills the cache);</li>
 *   <li>one evaluation pass of its model over the N samples (median of the repeats, before and after the ranking);</li>
 *   <li>one re-run of DefaultQuantization with one op in the ignored scope, statistics cached: what reverting a group
 *       costs before its evaluation (median);</li>
 *   <li>AccuracyAware with {@code maximal_drop} 1 and a sensitivity report, which ranks every group (each reverted
 *       alone and evaluated on the ranking subset, here all N samples) and reverts nothing.</li>
 * </ol>
 * Prints the ranking's wall time, the ratio to one evaluation pass, and the ranking per group against one re-run plus
 * one evaluation pass. Without the shared assets, squeezenet runs on the 10 sample photos with the FP32 top-1 classes as
 * labels, and mobilenet is skipped.
 *
 * <p>Run: {@code mvn -o -pl plugins/accuracy-aware -Pbenchmark verify [-Dbenchmark.samples=100,300]
 * [-Dbenchmark.repeats=3]}.
 */
public final class RankingVsEvaluationBenchmark {
    private static final TestPluginContext CONTEXT = new TestPluginContext();
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    private RankingVsEvaluationBenchmark() {
    }

    /**
     * @param args the assets folder, the sample counts {@code squeezenet,mobilenet} (default 100,300), the repeats of
     *             the single measurements (default 3)
     */
    public static void main(String[] args) throws IOException {
        Path assets = Path.of(args.length > 0 && !args[0].isBlank() ? args[0] : "../../../shared/assets");
        int[] samples = Arrays.stream((args.length > 1 && !args[1].isBlank() ? args[1] : "100,300").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int repeats = args.length > 2 && !args[2].isBlank() ? Integer.parseInt(args[2]) : 3;
        Path labels = assets.resolve("images/imagenet-samples/labels.tsv");
        boolean haveAssets = Files.isRegularFile(labels);
        System.out.printf(Locale.ROOT, "%s, %d cores; repeats %d%n", haveAssets ? "assets " + assets.toAbsolutePath()
                .normalize() : "no assets at " + assets + ": the embedded sample only",
                Runtime.getRuntime().availableProcessors(), repeats);
        List<String> rows = new ArrayList<>();

        Model squeezenet = new IrModelFormat().read(ModelSource.of(ROOT.resolve("samples/squeezenet1.1/squeezenet1.1.xml")));
        Map<String, Object> sqLoader = new LinkedHashMap<>(Map.of("input_shape", List.of(1, 3, 227, 227)));
        DataLoader sqData;
        if (haveAssets) {
            sqLoader.put("data_source", imageList(assets, samples[0]).toString());
            sqLoader.put("labels_file", labels.toString());
            sqData = ImageDataLoader.open(ImageLoaderConfig.fromMap(sqLoader));
        } else {
            sqLoader.put("data_source", ROOT.resolve("samples/images").toString());
            sqData = withFp32Labels(squeezenet, ImageDataLoader.open(ImageLoaderConfig.fromMap(sqLoader)));
        }
        rows.add(measure("squeezenet1.1 IR, reference", squeezenet, sqData, new ReferenceEngineFactory(), repeats));

        if (haveAssets) {
            Model mobilenet = new OnnxModelFormat().read(ModelSource.of(
                    assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx")));
            Map<String, Object> mbLoader = new LinkedHashMap<>();
            mbLoader.put("data_source", imageList(assets, samples.length > 1 ? samples[1] : 300).toString());
            mbLoader.put("input_shape", List.of(1, 3, 128, 128));
            mbLoader.put("color_order", "RGB");
            mbLoader.put("central_fraction", 0.875);
            mbLoader.put("mean", List.of(127.5));
            mbLoader.put("scale", List.of(127.5));
            mbLoader.put("labels_file", labels.toString());
            mbLoader.put("label_offset", 1);
            rows.add(measure("mobilenet_v1 ONNX, onnxruntime", mobilenet,
                    ImageDataLoader.open(ImageLoaderConfig.fromMap(mbLoader)), new OrtEngineFactory(), repeats));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-32s %5s %6s %10s %10s %8s %10s %10s %8s%n", "model, engine", "N", "groups",
                "ranking s", "1 eval s", "ratio", "per group", "DQ rerun", "grp/(DQ+eval)");
        rows.forEach(System.out::println);
    }

    private static String measure(String label, Model fp32, DataLoader data, EngineFactory engines, int repeats) {
        Probe probe = new Probe(data.size(), repeats);
        try (Engine engine = engines.create(EngineSettings.cpu(), CONTEXT)) {
            Pipeline.create(List.of(probe), InferenceLoop.of(engine, data).withMetric(new TopOneAccuracy())).run(fp32);
        }
        SensitivityReport r = probe.report;
        int groups = r.entries().size();
        double perGroup = r.rankingSeconds() / groups;
        System.out.printf(Locale.ROOT, "%s: first DefaultQuantization (with its statistics pass) %.2f s; evaluation"
                        + " passes %s s before the ranking, %s s after; DefaultQuantization re-runs (statistics cached) %s s; ranking %.2f s for %d"
                        + " groups (%d evaluations); FP32 top-1 %.4f, DefaultQuantization %.4f%n", label, probe.firstDq,
                seconds(probe.evaluations), seconds(probe.evaluationsAfter), seconds(probe.reruns), r.rankingSeconds(), groups,
                r.rankingEvaluations(), r.baseline().get(TopOneAccuracy.NAME),
                r.quantized().get(TopOneAccuracy.NAME));
        List<Double> passes = new ArrayList<>(probe.evaluations);
        passes.addAll(probe.evaluationsAfter);
        double eval = median(passes);
        double rerun = median(probe.reruns);
        return String.format(Locale.ROOT, "%-32s %5d %6d %10.2f %10.3f %8.1f %10.3f %10.3f %8.2f", label, data.size(),
                groups, r.rankingSeconds(), eval, r.rankingSeconds() / eval, perGroup, rerun,
                perGroup / (rerun + eval));
    }

    /** The measurements, run as the pipeline's only algorithm so that they share its evaluator and statistics cache. */
    private static final class Probe implements Algorithm {
        private final int samples;
        private final int repeats;
        private final List<Double> evaluations = new ArrayList<>();
        private final List<Double> evaluationsAfter = new ArrayList<>();
        private final List<Double> reruns = new ArrayList<>();
        private double firstDq;
        private SensitivityReport report;

        Probe(int samples, int repeats) {
            this.samples = samples;
            this.repeats = repeats;
        }

        @Override
        public String name() {
            return "RankingVsEvaluationProbe";
        }

        @Override
        public Model run(Model model, Engine engine, CollectedStatistics statistics) {
            throw new IllegalStateException("runs with the pipeline's evaluator");
        }

        @Override
        public Model run(Model fp32, Engine engine, CollectedStatistics statistics, ModelEvaluator evaluator) {
            AlgorithmFactory dq = CONTEXT.algorithm("DefaultQuantization").orElseThrow();
            Map<String, Object> dqParams = Map.of("preset", "performance", "stat_subset_size", samples);
            long t = System.nanoTime();
            Model int8 = evaluator.apply(dq.create(AlgorithmSettings.of(dqParams, "CPU"), CONTEXT), fp32);
            firstDq = (System.nanoTime() - t) / 1e9;
            int[] all = IntStream.range(0, evaluator.size()).toArray();
            String someOp = fp32.graph().nodes().stream().filter(n -> n.kind().contains("Convolution"))
                    .reduce((a, b) -> b).orElseThrow().name();
            for (int i = 0; i < repeats; i++) {
                t = System.nanoTime();
                evaluator.evaluate(int8, all);
                evaluations.add((System.nanoTime() - t) / 1e9);
                Map<String, Object> p = new LinkedHashMap<>(dqParams);
                p.put("ignored", Map.of("scope", List.of(someOp)));
                t = System.nanoTime();
                evaluator.apply(dq.create(AlgorithmSettings.of(p, "CPU"), CONTEXT), fp32);
                reruns.add((System.nanoTime() - t) / 1e9);
            }
            Path json;
            try {
                json = Files.createTempFile("sensitivity", ".json");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            AccuracyAwareQuantization aa = (AccuracyAwareQuantization) new AccuracyAwareFactory().create(
                    AlgorithmSettings.of(Map.of("maximal_drop", 1.0, "stat_subset_size", samples, "preset",
                            "performance", "sensitivity_report", json.toString()), "CPU"), CONTEXT);
            Model out = aa.run(fp32, engine, CollectedStatistics.empty(), evaluator);
            report = aa.lastReport();
            // again after the ranking, with the JIT as warm as it was for the ranking's last groups
            for (int i = 0; i < repeats; i++) {
                t = System.nanoTime();
                evaluator.evaluate(int8, all);
                evaluationsAfter.add((System.nanoTime() - t) / 1e9);
            }
            return out;
        }
    }

    private static String seconds(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList().toString();
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The first {@code n} ImageNet samples (file name order) as a .txt list. */
    private static Path imageList(Path assets, int n) throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(assets.resolve("images/imagenet-samples/images"))) {
            files = s.map(p -> p.toAbsolutePath().toString()).sorted().limit(n).toList();
        }
        Path list = Files.createTempFile("imagenet-first" + n, ".txt");
        list.toFile().deleteOnExit();
        return Files.write(list, files);
    }

    /** {@code images} annotated with the FP32 model's top-1 class of each. */
    private static DataLoader withFp32Labels(Model fp32, DataLoader images) {
        int[] labels = new int[images.size()];
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT)) {
            engine.setModel(fp32);
            for (int i = 0; i < labels.length; i++) {
                Tensor x = images.get(i).inputs().values().iterator().next();
                long[] dims = new long[x.shape().rank() + 1];
                dims[0] = 1;
                System.arraycopy(x.shape().dims(), 0, dims, 1, x.shape().rank());
                float[] y = engine.infer(Map.of(fp32.graph().parameters().get(0).name(),
                        Tensor.ofFloats(x.toFloatArray(), dims)), PortObserver.NONE).values().iterator().next()
                        .toFloatArray();
                int best = 0;
                for (int c = 1; c < y.length; c++) {
                    best = y[c] > y[best] ? c : best;
                }
                labels[i] = best;
            }
        }
        return new DataLoader() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public DataItem get(int index) {
                DataItem item = images.get(index);
                return new DataItem(item.inputs(), labels[index], item.metadata());
            }
        };
    }
}
