package org.pot4j.quantization;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.RuntimeInspection;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.OnnxSymbolicBatch;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.testkit.TestPluginContext;

/**
 * INT8 vs FP32 vs ONNX Runtime's own quantizer, side by side in one process (a benchmark, not a test): for every
 * asset ONNX model that ONNX Runtime loads, pot4j's DefaultQuantization (statistics in ONNX Runtime), the FP32 model
 * with its BatchNormalizations folded (the fair baseline) and, where a Python with onnxruntime is at hand, the output
 * of {@code onnxruntime.quantization.quantize_static} on the same calibration samples
 * ({@code src/test/python/ort_quantize_static.py}); latencies at batch 1 and 8 in alternating rounds, one intra-op
 * thread, ONNX Runtime's default optimization level; integer-kernel coverage of each INT8 model; ONNX Runtime's
 * profile by op type where INT8 is slower than FP32. Prints the CPU flags first and a markdown table last (also
 * written to {@code target/onnx-int8-benchmark/table.md}).
 * <p>
 * Run: {@code mvn -pl plugins/default-quantization -Pbenchmark verify
 * -Dbenchmark.main=org.pot4j.quantization.OnnxInt8Benchmark [-Dbenchmark.seconds=2] [-Dpot4j.peer.python=PATH]}.
 * Arguments: assets folder, seconds per model and batch (all contenders together), optionally the names of the
 * models to run, comma-separated ({@code -Dbenchmark.args="mtcnn pnet,mtcnn rnet"}).
 */
public final class OnnxInt8Benchmark {
    private static final int CALIBRATION = 100;
    private static final int LARGE_BATCH = 8;
    private static final double PEER_TOLERANCE = 1.15;
    private static final String DEFAULT_PYTHON = "/opt/ortpy/bin/python";

    private record Row(String model, int batch, double fp32, double pot4j, double peer, String coveragePot4j,
                       String coveragePeer) {
    }

    private OnnxInt8Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path assets = Path.of(args.length > 0 ? args[0] : "../shared/assets");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Set<String> only = new TreeSet<>();
        for (String a : List.of(args).subList(Math.min(2, args.length), args.length)) {
            Stream.of(a.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(only::add);
        }
        // ONNX Runtime's warnings (initializers listed as graph inputs, ...) would bury the results
        OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        cpuFlags();
        Path out = Path.of("target", "onnx-int8-benchmark");
        Files.createDirectories(out);
        Path python = peerPython();
        Path script = Path.of(System.getProperty("pot4j.peer.script", "src/test/python/ort_quantize_static.py"));
        if (python == null) {
            System.out.println("peer: no Python with onnxruntime given (-Dpot4j.peer.python) and " + DEFAULT_PYTHON
                    + " absent: the peer column (ONNX Runtime's own quantizer) is skipped");
        } else {
            System.out.println("peer: ONNX Runtime's quantize_static through " + python + " " + script);
        }
        System.out.printf(Locale.ROOT, "latency: ONNX Runtime (Java) %s, 1 intra-op thread, optimization level all, "
                + "median of alternating rounds, %.1f s per model and batch; batch %d through OnnxSymbolicBatch%n",
                ortJavaVersion(), seconds, LARGE_BATCH);
        Path onnxDir = assets.resolve("onnx");
        try (Stream<Path> files = Files.walk(onnxDir)) {
            Set<String> known = AssetOnnxModels.MODELS.stream().map(AssetOnnxModels.Spec::file).collect(Collectors.toSet());
            files.filter(p -> p.toString().endsWith(".onnx")).map(p -> onnxDir.relativize(p).toString()).sorted()
                    .forEach(f -> {
                        if (AssetOnnxModels.SKIPPED.containsKey(f)) {
                            System.out.println("skipped " + f + ": " + AssetOnnxModels.SKIPPED.get(f));
                        } else if (!known.contains(f)) {
                            System.out.println("skipped " + f + ": not in the benchmark's preprocessing table");
                        }
                    });
        }
        List<Row> rows = new ArrayList<>();
        TestPluginContext context = new TestPluginContext();
        for (AssetOnnxModels.Spec spec : AssetOnnxModels.MODELS) {
            if (!only.isEmpty() && !only.contains(spec.name())) {
                continue;
            }
            try {
                rows.addAll(model(spec, assets, seconds, python, script, out, context));
            } catch (Exception | LinkageError e) {
                System.out.printf(Locale.ROOT, "%s: FAILED: %s%n", spec.name(), e);
            }
        }
        String table = table(rows, python != null);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("table.md"), table);
        System.out.println("table written to " + out.resolve("table.md").toAbsolutePath());
    }

    private static List<Row> model(AssetOnnxModels.Spec spec, Path assets, double seconds, Path python, Path script, Path out,
                                   TestPluginContext context) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s (%s)%s%n", spec.name(), spec.file(),
                spec.note().isEmpty() ? "" : ": " + spec.note());
        Path dir = out.resolve(spec.name().replaceAll("[^A-Za-z0-9_.-]", "_"));
        Files.createDirectories(dir);
        OnnxModelFormat format = new OnnxModelFormat();
        Path source = assets.resolve("onnx").resolve(spec.file());
        OnnxModel fp32 = format.read(ModelSource.of(source));
        String inputName = fp32.graph().parameters().get(0).name();
        long exportedBatch = fp32.proto().getGraph().getInputList().stream().filter(i -> i.getName().equals(inputName))
                .findFirst().orElseThrow().getType().getTensorType().getShape().getDim(0).getDimValue();
        if (exportedBatch > 1) {
            // an export with a fixed batch of several crops (SeetaFace R/O): calibrate and measure a batch-free copy
            fp32 = OnnxSymbolicBatch.of(fp32);
            source = write(fp32, dir, "fp32_batch_free");
            System.out.printf(Locale.ROOT, "exported with batch %d: made batch-free with OnnxSymbolicBatch, for "
                    + "every contender%n", exportedBatch);
        }
        Map<String, Object> loaderConfig = new LinkedHashMap<>();
        loaderConfig.put("data_source", imageSource(assets, spec.images()));
        loaderConfig.put("input_shape", spec.shape());
        loaderConfig.put("layout", spec.layout());
        loaderConfig.put("color_order", spec.colorOrder());
        loaderConfig.put("mean", List.of(spec.mean()));
        loaderConfig.put("scale", List.of(spec.scale()));
        if (spec.images().equals(AssetOnnxModels.IMAGENET)) {
            loaderConfig.put("central_fraction", 0.875);
        }
        DataLoader data = ImageDataLoader.open(ImageLoaderConfig.fromMap(loaderConfig));
        int samples = Math.min(CALIBRATION, data.size());
        System.out.printf(Locale.ROOT, "calibration: %d images of %s, input %s %s %s, (x - %s) / %s%n", samples,
                spec.images(), spec.shape(), spec.layout(), spec.colorOrder(), spec.mean(), spec.scale());

        // pot4j: DefaultQuantization, statistics in ONNX Runtime, as QuantizationBenchmark
        long start = System.nanoTime();
        Path pot4jFile = null;
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            OnnxModel int8 = (OnnxModel) Pipeline.create(List.of(new DefaultQuantizationFactory().create(
                    AlgorithmSettings.of(Map.of("preset", "performance", "stat_subset_size", samples), "CPU"), context)),
                    InferenceLoop.of(ort, data)).run(fp32);
            int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
            pot4jFile = write(int8, dir, "pot4j_int8");
            System.out.printf(Locale.ROOT, "pot4j: quantized in %.1f s -> %s%n", (System.nanoTime() - start) / 1e9,
                    pot4jFile);
        } catch (RuntimeException e) {
            // measure the others all the same: the table says pot4j failed
            System.out.printf(Locale.ROOT, "pot4j: FAILED: %s%n", e);
        }

        // the fair FP32 baseline: BatchNormalization folded, no quantizers
        OnnxModel folded = fp32.copy();
        int foldedCount = folded.extension(QuantizationEditor.class).orElseThrow().foldBatchNormalization();
        Path foldedFile = write(folded, dir, "fp32_folded");
        System.out.printf(Locale.ROOT, "FP32 baseline: %d BatchNormalization folded -> %s%n", foldedCount, foldedFile);

        // the peer: ONNX Runtime's quantize_static on the same samples
        Path peerFile = null;
        if (python != null) {
            peerFile = peer(python, script, source, data, samples, inputName, dir);
        }

        Tensor sample = OnnxQuantizationRuns.withBatch(data.get(0).inputs().values().iterator().next());
        Map<String, KernelReport> counts = new LinkedHashMap<>();
        if (pot4jFile != null) {
            counts.put("pot4j", count(pot4jFile));
        }
        if (peerFile != null) {
            counts.put("peer", count(peerFile));
        }
        counts.forEach((who, c) -> System.out.printf(Locale.ROOT, "coverage %s: %s (%s)%n", who,
                c == null ? "n/a" : coverage(c), c == null ? "ONNX Runtime could not optimize it"
                        : "Q " + c.quantizeLinearLeft() + ", DQ " + c.dequantizeLinearLeft() + ", float " + c.floatOps()));

        List<Row> rows = new ArrayList<>();
        boolean slower = false;
        List<String> names = new ArrayList<>(List.of("FP32 folded", "pot4j INT8"));
        List<Path> files = new ArrayList<>(java.util.Arrays.asList(foldedFile, pot4jFile));
        if (peerFile != null) {
            names.add("peer INT8");
            files.add(peerFile);
        }
        for (int batch : new int[] {1, LARGE_BATCH}) {
            List<byte[]> models = new ArrayList<>();
            for (Path p : files) {
                if (p == null) {
                    models.add(null);
                    continue;
                }
                // the file as it is, without pot4j's reader (which refuses e.g. the peer's quantized biases)
                byte[] bytes = Files.readAllBytes(p);
                models.add(batch == 1 ? bytes : OnnxSymbolicBatch.of(new OnnxModel(spec.name(), p,
                        OnnxMl.ModelProto.parseFrom(bytes), OnnxExternalData.NONE)).proto().toByteArray());
            }
            double[] ms = time(names, models, inputName, repeat(sample, batch), seconds, batch);
            if (Double.isNaN(ms[0]) || Double.isNaN(ms[1]) && Double.isNaN(ms.length > 2 ? ms[2] : Double.NaN)) {
                System.out.printf(Locale.ROOT, "batch %d: not measured (FP32 or both INT8 models do not run)%n",
                        batch);
                continue;
            }
            double peerMs = ms.length > 2 ? ms[2] : Double.NaN;
            System.out.printf(Locale.ROOT, "batch %d: FP32 folded %.3f ms, pot4j INT8 %.3f ms (%.2f)%s%n", batch,
                    ms[0], ms[1], ms[1] / ms[0], Double.isNaN(peerMs) ? ""
                            : String.format(Locale.ROOT, ", peer INT8 %.3f ms (%.2f), pot4j/peer %.2f", peerMs,
                            peerMs / ms[0], ms[1] / peerMs));
            slower |= ms[1] > ms[0] || peerMs > ms[0];
            KernelReport p = counts.get("pot4j");
            KernelReport q = counts.get("peer");
            rows.add(new Row(spec.name(), batch, ms[0], ms[1], peerMs, pot4jFile == null ? "failed"
                    : p == null ? "n/a" : coverage(p),
                    peerFile == null ? "-" : q == null ? "n/a" : coverage(q)));
        }
        if (slower) {
            // why: ONNX Runtime's kernel time by op type, batch 1, one thread
            System.out.println("INT8 slower than FP32: ONNX Runtime profile, batch 1, ms per run by op type:");
            profile("FP32 folded", foldedFile, inputName, sample);
            if (pot4jFile != null) {
                profile("pot4j INT8", pot4jFile, inputName, sample);
            }
            if (peerFile != null) {
                profile("peer INT8", peerFile, inputName, sample);
            }
        }
        return rows;
    }

    private static Path write(OnnxModel model, Path dir, String base) {
        return new OnnxModelFormat().write(model, dir, base).get(0);
    }

    /** The images folder or glob, absolute. */
    private static String imageSource(Path assets, String images) {
        return assets.toAbsolutePath().resolve("images").toString() + "/" + images;
    }

    private static Tensor repeat(Tensor one, int batch) {
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            parts.add(one);
        }
        return batch == 1 ? one : Tensor.concatBatch(parts);
    }

    /** ONNX Runtime's kernel report of {@code model} (the engine's {@link RuntimeInspection}), or null. */
    private static KernelReport count(Path model) {
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), new TestPluginContext())) {
            ort.setModel(new OnnxModelFormat().read(ModelSource.of(model)));
            return ort.extension(RuntimeInspection.class).orElseThrow().inspect();
        } catch (RuntimeException e) {
            System.out.println("kernel report of " + model + " failed: " + e.getMessage());
            return null;
        }
    }

    /** Integer kernels of the quantized matrix units, e.g. {@code 27/28}. */
    private static String coverage(KernelReport r) {
        return r.integerOps() + "/" + r.quantizedOps();
    }

    /**
     * Median ms per run of each model, alternating rounds in this process, one intra-op thread; NaN for a model that
     * cannot be loaded or run at this batch (said on the output).
     */
    private static double[] time(List<String> names, List<byte[]> models, String inputName, Tensor input,
                                 double seconds, int batch) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession[] sessions = new OrtSession[models.size()];
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.toFloatArray()),
                     input.shape().dims())) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            List<Runnable> tasks = new ArrayList<>();
            List<Integer> running = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                if (models.get(m) == null) {
                    continue;
                }
                OrtSession s = null;
                try {
                    s = env.createSession(models.get(m), options);
                    sessions[m] = s;
                    for (int i = 0; i < 3; i++) {
                        s.run(Map.of(inputName, x)).close();
                    }
                } catch (Exception e) {
                    System.out.printf(Locale.ROOT, "batch %d: %s does not run: %s%n", batch, names.get(m),
                            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                    continue;
                }
                OrtSession session = s;
                tasks.add(() -> {
                    try {
                        session.run(Map.of(inputName, x)).close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                running.add(m);
            }
            double[] ms = new double[models.size()];
            java.util.Arrays.fill(ms, Double.NaN);
            List<List<Double>> times = AlternatingRounds.time(seconds, 5, tasks);
            for (int i = 0; i < running.size(); i++) {
                ms[running.get(i)] = AlternatingRounds.median(times.get(i));
            }
            return ms;
        } finally {
            for (OrtSession s : sessions) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    private static void profile(String who, Path model, String inputName, Tensor sample) {
        try {
            Map<String, Double> byOp = OrtOpProfile.of(model, inputName, sample, 30, 1);
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-12s total %.3f:", who,
                    byOp.values().stream().mapToDouble(Double::doubleValue).sum()));
            byOp.entrySet().stream().sorted((p, q) -> Double.compare(q.getValue(), p.getValue())).limit(8)
                    .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(), e.getValue())));
            System.out.println(b);
        } catch (Exception e) {
            System.out.println("  " + who + ": no profile: " + e.getMessage());
        }
    }

    /** Runs ort_quantize_static.py on the same samples, written as .npz; the quantized file or null. */
    private static Path peer(Path python, Path script, Path model, DataLoader data, int samples, String inputName,
                             Path dir) throws IOException, InterruptedException {
        Path calibration = dir.resolve("calibration-npz");
        Files.createDirectories(calibration);
        for (int i = 0; i < samples; i++) {
            NpzWriter.write(calibration.resolve(String.format(Locale.ROOT, "%04d.npz", i)),
                    Map.of(inputName, OnnxQuantizationRuns.withBatch(data.get(i).inputs().values().iterator().next())));
        }
        Path output = dir.resolve("peer_int8.onnx");
        Files.deleteIfExists(output);
        Path log = dir.resolve("peer.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(python.toString(), script.toString(), model.toAbsolutePath().toString(),
                calibration.toAbsolutePath().toString(), output.toAbsolutePath().toString())
                .redirectErrorStream(false).redirectOutput(dir.resolve("peer.out").toFile())
                .redirectError(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            System.out.println("peer: timed out after 10 minutes, no peer column for this model");
            return null;
        }
        String said = Files.readString(dir.resolve("peer.out"), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || !Files.exists(output)) {
            List<String> err = Files.readAllLines(log, StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "peer: FAILED (exit %d): %s%n", p.exitValue(),
                    String.join(" | ", err.subList(Math.max(0, err.size() - 3), err.size())));
            return null;
        }
        System.out.printf(Locale.ROOT, "peer: %.1f s: %s%n", (System.nanoTime() - start) / 1e9, said);
        return output;
    }

    private static Path peerPython() {
        String given = System.getProperty("pot4j.peer.python", "").strip();
        Path python = Path.of(given.isEmpty() ? DEFAULT_PYTHON : given);
        return Files.isExecutable(python) ? python : null;
    }

    private static String ortJavaVersion() {
        String v = OrtEnvironment.class.getPackage().getImplementationVersion();
        return v == null ? "" : v;
    }

    /** The CPU and the flags that decide ONNX Runtime's int8 kernels (ORT_QDQ_FUSION.md §5.3). */
    private static void cpuFlags() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
            Set<String> flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).strip().split("\\s+"))).orElse(Set.of());
            List<String> relevant = new ArrayList<>(List.of("avx2", "fma", "avx512f", "avx512bw", "avx512vl",
                    "avx512_vnni", "avx_vnni", "avx_vnni_int8"));
            flags.stream().filter(f -> f.startsWith("amx")).sorted().forEach(relevant::add);
            String present = relevant.stream().filter(flags::contains).collect(Collectors.joining(" "));
            String absent = relevant.stream().filter(f -> !flags.contains(f)).collect(Collectors.joining(" "));
            System.out.printf(Locale.ROOT, "CPU: %s, %d logical CPUs; int8-relevant flags present: %s; absent: %s%s%n",
                    model, Runtime.getRuntime().availableProcessors(), present.isEmpty() ? "none" : present,
                    absent.isEmpty() ? "none" : absent, flags.stream().anyMatch(f -> f.startsWith("amx")) ? ""
                            : " (no amx*)");
        } catch (IOException e) {
            System.out.println("CPU flags: /proc/cpuinfo unreadable: " + e.getMessage());
        }
    }

    private static String table(List<Row> rows, boolean peer) {
        StringBuilder b = new StringBuilder();
        b.append("| model | batch | FP32 ms | pot4j INT8/FP32 | peer INT8/FP32 | pot4j/peer | coverage pot4j | "
                + "coverage peer |\n|---|---|---|---|---|---|---|---|\n");
        int compared = 0;
        int within = 0;
        for (Row r : rows) {
            boolean hasPeer = !Double.isNaN(r.peer());
            double ratio = r.pot4j() / r.peer();
            if (hasPeer && !Double.isNaN(r.pot4j())) {
                compared++;
                within += ratio <= PEER_TOLERANCE ? 1 : 0;
            }
            b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %s | %s | %s | %s |%n", r.model(),
                    r.batch(), r.fp32(), Double.isNaN(r.pot4j()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", r.pot4j() / r.fp32()),
                    hasPeer ? String.format(Locale.ROOT, "%.2f", r.peer() / r.fp32()) : "-",
                    hasPeer && !Double.isNaN(ratio) ? String.format(Locale.ROOT, "%.2f%s", ratio,
                            ratio > PEER_TOLERANCE ? " (!)" : "") : "-",
                    r.coveragePot4j(), r.coveragePeer()));
        }
        if (peer) {
            b.append(String.format(Locale.ROOT, "%npot4j within %.2fx of ONNX Runtime's quantizer on %d of %d rows "
                    + "((!) marks the others)%n", PEER_TOLERANCE, within, compared));
        } else {
            b.append("\nno peer column: no Python with onnxruntime on this machine\n");
        }
        b.append("-: not measured (the model cannot run batched, or pot4j failed: the log says which and why)\n");
        b.append("coverage: integer kernels / (integer + float Conv, FusedConv, MatMul, Gemm reading a "
                + "DequantizeLinear) in ONNX Runtime's EXTENDED_OPT graph\n");
        return b.toString();
    }
}
