package org.pot4j.quantization;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.OnnxSymbolicBatch;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.testkit.TestPluginContext;

/**
 * The DefaultQuantization benchmark (not a unit test), in one run: wall time and peak memory of quantizing
 * squeezenet1.1 with 300 samples in the reference engine, then FP32 vs INT8 latency in ONNX Runtime for
 * mobilenet_v1_0.25_128 and UltraFace RFB-640 at batch 1 and 16, each quantized here (statistics in ONNX Runtime).
 * Run: {@code mvn -pl plugins/default-quantization -Pbenchmark verify} (arguments: assets folder, seconds per figure,
 * optionally {@code latency} to measure only the ONNX Runtime latencies).
 */
public final class QuantizationBenchmark {
    private QuantizationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path assets = Path.of(args.length > 0 ? args[0] : "../shared/assets");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        TestPluginContext context = new TestPluginContext();
        // a third argument "latency" skips the squeezenet quantization run
        if (args.length < 3 || !args[2].equals("latency")) {
            squeezenet(assets, context);
        }
        Path images = assets.resolve("images/imagenet-samples/images");
        DataLoader mobilenetData = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", images.toString(),
                "input_shape", List.of(1, 3, 128, 128), "color_order", "RGB", "central_fraction", 0.875,
                "mean", List.of(127.5), "scale", List.of(127.5))));
        latency("mobilenet_v1_0.25_128", assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx"),
                mobilenetData, 300, seconds, context);
        DataLoader faces = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", assets.resolve("images/faces/group-photos").toString(), "input_shape", List.of(1, 3, 480, 640),
                "color_order", "RGB", "mean", List.of(127), "scale", List.of(128))));
        latency("UltraFace RFB-640", assets.resolve("onnx/ultraface/version-RFB-640.onnx"), faces, faces.size(),
                seconds, context);
    }

    private static void squeezenet(Path assets, TestPluginContext context) {
        Path images = assets.resolve("images/imagenet-samples/images");
        DataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", images.toString(),
                "input_shape", List.of(1, 3, 227, 227), "mean", List.of(104, 117, 123))));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        Model fp32 = new IrModelFormat().read(ModelSource.of(assets.resolve("ir/squeezenet1.1/v11/squeezenet1.1.xml")));
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), context)) {
            Model int8 = Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    Map.of("preset", "performance", "stat_subset_size", 300), "CPU"), context)),
                    InferenceLoop.of(engine, loader)).run(fp32);
            int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "squeezenet1.1 v11, DefaultQuantization, 300 samples, reference engine: "
                + "wall %.1f s, peak heap %d MiB, peak RSS %s%n", wall, heapPeak >> 20, peakRss());
    }

    private static void latency(String name, Path onnx, DataLoader data, int calibration, double seconds,
                                TestPluginContext context) {
        OnnxModelFormat format = new OnnxModelFormat();
        OnnxModel fp32 = (OnnxModel) format.read(ModelSource.of(onnx));
        Model int8;
        long start = System.nanoTime();
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            int8 = Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    Map.of("preset", "performance", "stat_subset_size", calibration), "CPU"), context)),
                    InferenceLoop.of(ort, data)).run(fp32);
            int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
        }
        System.out.printf(Locale.ROOT, "%s quantized in %.1f s (statistics in ONNX Runtime on %d samples)%n", name,
                (System.nanoTime() - start) / 1e9, Math.min(calibration, data.size()));
        Tensor sample = data.get(0).inputs().values().iterator().next();
        String inputName = fp32.graph().parameters().get(0).name();
        Path dump = Path.of(System.getProperty("java.io.tmpdir"), name.replaceAll("[^A-Za-z0-9_.-]", "_") + "_int8.onnx");
        new OnnxModelFormat().write(int8, dump.getParent(), dump.getFileName().toString().replace(".onnx", ""));
        // a second FP32 baseline: the same model with its BatchNormalizations folded as DefaultQuantization does
        // (ONNX Runtime cannot fold them itself where an old export lists the weights as graph inputs)
        OnnxModel folded = fp32.copy();
        boolean foldable = folded.extension(QuantizationEditor.class).orElseThrow().foldBatchNormalization() > 0;
        Path foldedFile = dump.resolveSibling(dump.getFileName().toString().replace("_int8", "_fp32_folded"));
        if (foldable) {
            new OnnxModelFormat().write(folded, foldedFile.getParent(),
                    foldedFile.getFileName().toString().replace(".onnx", ""));
        }
        for (int batch : new int[] {1, 16}) {
            try {
                // batch 16 needs the batch-1 exports made batch-agnostic (every copy alike)
                Model q = batch == 1 ? int8 : OnnxSymbolicBatch.of((OnnxModel) int8);
                double[] medians = compare(batch == 1 ? fp32 : OnnxSymbolicBatch.of(fp32), q, inputName, sample,
                        batch, seconds, data, context);
                System.out.printf(Locale.ROOT, "%s batch %2d: FP32 %8.2f ms, INT8 %8.2f ms, INT8/FP32 %.2f%n", name,
                        batch, medians[0], medians[1], medians[1] / medians[0]);
                if (foldable) {
                    medians = compare(batch == 1 ? folded : OnnxSymbolicBatch.of(folded), q, inputName, sample, batch,
                            seconds, data, context);
                    System.out.printf(Locale.ROOT, "%s batch %2d: FP32 with BatchNormalization folded %8.2f ms, "
                            + "INT8 %8.2f ms, INT8/FP32 %.2f%n", name, batch, medians[0], medians[1],
                            medians[1] / medians[0]);
                }
            } catch (org.pot4j.api.error.Pot4jException e) {
                System.out.printf(Locale.ROOT, "%s batch %2d: not measured: %s%n", name, batch,
                        e.getMessage().lines().findFirst().orElse(""));
            }
        }
        // why: ONNX Runtime's own kernel times by op type of the graphs it runs, batch 1
        Tensor one = sample.reshape(Shape.of(prepend(sample.shape().dims())));
        try {
            System.out.printf(Locale.ROOT, "%s batch  1, ONNX Runtime profile, ms per run by op type:%n  FP32 %s%n",
                    name, top(OrtOpProfile.of(onnx, inputName, one, 30)));
            if (foldable) {
                System.out.printf(Locale.ROOT, "  FP32 folded %s%n", top(OrtOpProfile.of(foldedFile, inputName, one,
                        30)));
            }
            System.out.printf(Locale.ROOT, "  INT8 %s%n", top(OrtOpProfile.of(dump, inputName, one, 30)));
        } catch (Exception e) {
            System.out.printf(Locale.ROOT, "%s: no profile: %s%n", name, e.getMessage());
        }
    }

    private static long[] prepend(long[] dims) {
        long[] one = new long[dims.length + 1];
        one[0] = 1;
        System.arraycopy(dims, 0, one, 1, dims.length);
        return one;
    }

    /** The op types taking the most time, with the total. */
    private static String top(Map<String, Double> byOp) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "total %.2f:",
                byOp.values().stream().mapToDouble(Double::doubleValue).sum()));
        byOp.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).limit(7)
                .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue())));
        return b.toString();
    }

    /**
     * The median latency of one inference of each model, in ms, measured in alternating 250 ms rounds for about
     * {@code seconds} in all, so both see the same load.
     */
    private static double[] compare(Model first, Model second, String inputName, Tensor sample, int batch,
                                    double seconds, DataLoader data, TestPluginContext context) {
        List<Tensor> parts = new ArrayList<>();
        long[] dims = sample.shape().dims();
        long[] one = new long[dims.length + 1];
        one[0] = 1;
        System.arraycopy(dims, 0, one, 1, dims.length);
        for (int i = 0; i < batch; i++) {
            parts.add(sample.reshape(Shape.of(one)));
        }
        Map<String, Tensor> input = Map.of(inputName, Tensor.concatBatch(parts));
        try (Engine a = new OrtEngineFactory().create(EngineSettings.cpu(), context);
             Engine b = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            a.setModel(first);
            b.setModel(second);
            for (int i = 0; i < 3; i++) {
                a.infer(input);
                b.infer(input);
            }
            List<List<Double>> times = AlternatingRounds.time(seconds, 5, List.of(() -> a.infer(input),
                    () -> b.infer(input)));
            return new double[] {AlternatingRounds.median(times.get(0)), AlternatingRounds.median(times.get(1))};
        }
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb >> 10) + " MiB";
                }
            }
        } catch (Exception e) {
            return "n/a";
        }
        return "n/a";
    }

}
