package org.pot4j.cascade.mtcnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.quantization.DefaultQuantizationFactory;
import org.pot4j.testkit.TestPluginContext;

/**
 * What calibration costs next to inference (issue 14), not a unit test: for one case per JVM, a plain inference pass
 * over the calibration samples and a whole DefaultQuantization run (whose statistics passes are timed through their
 * progress events), in alternating rounds, then the process's peak resident memory; then, unless told
 * {@code inplace-only}, the same quantization with POT's {@code inplace_statistics} off (every observed tensor copied
 * out whole and reduced in Java) for comparison.
 *
 * <p>Cases: {@code ultraface} (UltraFace RFB-640, ONNX Runtime, the 26 group photos), {@code squeezenet}
 * (squeezenet1.1 IR, reference engine, 300 ImageNet samples), {@code mtcnn} (facenet-pytorch MT-CNN, ONNX Runtime
 * stages, the group photos at full size). Run, one case per JVM so each peak memory is its own:
 * {@code mvn -q -pl plugins/cascade-mtcnn -Pbenchmark verify -Dbenchmark.case=ultraface} (arguments: case, rounds,
 * optionally {@code inplace-only}; assets from {@code -Dpot4j.assets}, default {@code ../shared/assets}).
 */
public final class CalibrationBenchmark {
    private static final TestPluginContext CONTEXT = new TestPluginContext();

    private CalibrationBenchmark() {
    }

    /** A model, its samples and the engine that runs it. */
    private record Case(String title, Model model, DataLoader samples, EngineFactory engine, Map<String, Object> options) {
    }

    public static void main(String[] args) throws IOException {
        String name = args.length > 0 ? args[0] : "ultraface";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean inplaceOnly = args.length > 2 && args[2].equals("inplace-only");
        Path assets = Path.of(System.getProperty("pot4j.assets", "../shared/assets"));
        Case c = switch (name) {
            case "ultraface" -> ultraface(assets);
            case "squeezenet" -> squeezenet(assets);
            case "mtcnn" -> mtcnn(assets);
            default -> throw new IllegalArgumentException("unknown case '" + name + "' (ultraface, squeezenet, mtcnn)");
        };
        int samples = Math.min(300, c.samples().size());
        System.out.printf(Locale.ROOT, "%s: %d samples, %d rounds, %d processors, heap limit %d MB%n", c.title(),
                samples, rounds, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (Engine engine = c.engine().create(EngineSettings.cpu(c.options()), CONTEXT)) {
            PassTimes inplace = new PassTimes();
            List<List<Double>> times = AlternatingRounds.runs(rounds, List.of(
                    () -> inferencePass(engine, c, samples),
                    () -> quantize(engine, c, true, inplace)));
            double inference = AlternatingRounds.median(times.get(0)) / 1e3;
            System.out.printf(Locale.ROOT, "%-44s %9s %12s%n", "pass (median of " + rounds + ")", "seconds",
                    "x inference");
            row("inference", inference, inference);
            inplace.print("statistics pass %d, in-graph reductions", inference);
            row("whole quantization, in-graph reductions", AlternatingRounds.median(times.get(1)) / 1e3, inference);
            System.out.printf(Locale.ROOT, "peak resident memory so far: %d MB%n", peakResidentMegabytes());
            if (!inplaceOnly) {
                PassTimes host = new PassTimes();
                List<List<Double>> off = AlternatingRounds.runs(rounds, List.of(() -> quantize(engine, c, false, host)));
                host.print("statistics pass %d, inplace_statistics off", inference);
                row("whole quantization, inplace_statistics off", AlternatingRounds.median(off.get(0)) / 1e3, inference);
                System.out.printf(Locale.ROOT, "peak resident memory at the end: %d MB%n", peakResidentMegabytes());
            }
        }
    }

    private static void inferencePass(Engine engine, Case c, int samples) {
        engine.setModel(c.model());
        InferenceLoop.of(engine, c.samples()).run(PredictRequest.evaluation(Sampler.sequential(samples, 1), null));
    }

    private static void quantize(Engine engine, Case c, boolean inplace, PassTimes times) {
        Algorithm dq = new DefaultQuantizationFactory().create(AlgorithmSettings.of(Map.of("preset", "performance",
                "stat_subset_size", 300), "CPU"), CONTEXT);
        Pipeline.create(List.of(dq), InferenceLoop.of(engine, c.samples()).withInplaceStatistics(inplace), times.round())
                .run(c.model());
    }

    private static void row(String what, double seconds, double inference) {
        System.out.printf(Locale.ROOT, "%-44s %9.2f %12.2f%n", what, seconds, seconds / inference);
    }

    /** The seconds of each statistics pass, per quantization run, from the passes' progress events. */
    private static final class PassTimes {
        private final List<List<Double>> byPass = new ArrayList<>();

        ProgressListener round() {
            return new ProgressListener() {
                private int pass;
                private long start;
                private boolean statistics;

                @Override
                public void started(String task, long total) {
                    statistics = task.startsWith("statistics");
                    start = System.nanoTime();
                }

                @Override
                public void finished() {
                    if (statistics) {
                        if (byPass.size() <= pass) {
                            byPass.add(new ArrayList<>());
                        }
                        byPass.get(pass++).add((System.nanoTime() - start) / 1e6);
                    }
                    statistics = false;
                }
            };
        }

        void print(String label, double inference) {
            for (int i = 0; i < byPass.size(); i++) {
                row(String.format(Locale.ROOT, label, i + 1), AlternatingRounds.median(byPass.get(i)) / 1e3, inference);
            }
        }
    }

    private static long peakResidentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) >> 10;
            }
        }
        return -1;
    }

    private static Case ultraface(Path assets) {
        DataLoader faces = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", assets.resolve("images/faces/group-photos").toString(),
                "input_shape", List.of(1, 3, 480, 640), "color_order", "RGB", "mean", List.of(127), "scale",
                List.of(128))));
        Model model = new OnnxModelFormat().read(ModelSource.of(assets.resolve("onnx/ultraface/version-RFB-640.onnx")));
        return new Case("UltraFace RFB-640, onnxruntime", model, faces, new OrtEngineFactory(), Map.of());
    }

    private static Case squeezenet(Path assets) {
        DataLoader images = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", assets.resolve("images/imagenet-samples/images").toString(),
                "input_shape", List.of(1, 3, 227, 227), "mean", List.of(104, 117, 123))));
        Model model = new IrModelFormat().read(ModelSource.of(assets.resolve("ir/squeezenet1.1/v11/squeezenet1.1.xml")));
        return new Case("squeezenet1.1 IR v11, reference", model, images, new ReferenceEngineFactory(), Map.of());
    }

    private static Case mtcnn(Path assets) {
        DataLoader photos = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", assets.resolve("images/faces/group-photos").toString(), "color_order", "RGB",
                "layout", "CHW")));
        List<Model> stages = new ArrayList<>();
        String[] names = {"pnet", "rnet", "onet"};
        for (String stage : names) {
            stages.add(new OnnxModelFormat().read(new ModelSource(assets.resolve("onnx/mtcnn/" + stage + ".onnx"),
                    Optional.empty(), stage)));
        }
        return new Case("MT-CNN (facenet-pytorch), onnxruntime stages", new CascadeModel("mtcnn", stages), photos,
                new MtcnnEngineFactory(), Map.of("delegate", "onnxruntime"));
    }
}
