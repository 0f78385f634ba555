package org.pot4j.engine.ort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.pipeline.AlgorithmSequence;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.PluginRegistry;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.onnx.OnnxModelFormat;

/**
 * Not a test: DefaultQuantization's statistics pass on UltraFace RFB-640 over 26 group photos in ONNX Runtime through
 * {@link InferenceLoop}, with inplace statistics on (reductions in the graph) and off (whole tensors reduced in Java),
 * next to a plain inference pass: median pass times in alternating rounds, and each mode's peak RSS from a child JVM
 * of its own (VmHWM after one pass). DefaultQuantization is found by name (core's PluginRegistry) in the plugin jar
 * given, loaded in a class loader of its own, so this module needs no dependency on it. Run:
 * {@code mvn -pl engines/onnxruntime -Pstatistics-benchmark verify [-Dbenchmark.passes=N]}, or
 * {@code java -cp <test class path> org.pot4j.engine.ort.StatisticsPassBenchmark <assets> <passes> <plugin jar>}.
 */
public final class StatisticsPassBenchmark {
    private static final String MODEL = "onnx/ultraface/version-RFB-640.onnx";
    private static final String PHOTOS = "images/faces/group-photos";
    private static final int IMAGES = 26;

    /** What a pass does. */
    private enum Mode {
        INFERENCE("inference only"), INPLACE("statistics, inplace on"), WHOLE("statistics, inplace off");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private StatisticsPassBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            Setup s = Setup.of(Path.of(args[2]), Path.of(args[3]));
            s.pass(Mode.valueOf(args[1]));
            System.out.println("VmHWM_kB " + peakRssKb());
            s.engine().close();
            return;
        }
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: StatisticsPassBenchmark <assets> <passes> "
                    + "<pot4j-default-quantization jar>");
        }
        Path assets = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        Path plugin = Path.of(args[2]);
        Setup s = Setup.of(assets, plugin);
        System.out.println(s.description());
        Map<Mode, CollectedStatistics> results = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            results.put(m, s.pass(m)); // warm-up: each mode's session is made here
        }
        System.out.printf(Locale.ROOT, "statistics inplace on vs off: largest relative difference %.2e%n",
                largestRelativeDifference(results.get(Mode.INPLACE), results.get(Mode.WHOLE)));
        List<Runnable> tasks = new ArrayList<>();
        for (Mode m : Mode.values()) {
            tasks.add(() -> s.pass(m));
        }
        List<List<Double>> times = AlternatingRounds.runs(passes, tasks);
        Map<Mode, Long> rss = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            rss.put(m, childPeakRssKb(m, assets, plugin));
        }
        double inference = AlternatingRounds.median(times.get(0));
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %14s %14s%n", "pass (" + passes + " each, alternating)",
                "median pass", "per image", "vs inference", "peak RSS");
        for (Mode m : Mode.values()) {
            double median = AlternatingRounds.median(times.get(m.ordinal()));
            System.out.printf(Locale.ROOT, "%-26s %9.0f ms %9.1f ms %13.2fx %11.0f MB%n", m.label, median,
                    median / IMAGES, median / inference, rss.get(m) / 1024.0);
        }
        s.engine().close();
    }

    /** The model, engine, photos and statistics request every mode shares. */
    private record Setup(Engine engine, InferenceLoop loop, StatisticsRequest request, Sampler sampler,
                         String description) {
        static Setup of(Path assets, Path plugin) throws IOException {
            // never closed: the plugin's classes are used until the JVM ends
            URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()},
                    StatisticsPassBenchmark.class.getClassLoader());
            PluginRegistry registry = PluginRegistry.discover(loader);
            AlgorithmFactory factory = registry.find(ExtensionKind.ALGORITHM, "DefaultQuantization")
                    .map(c -> (AlgorithmFactory) c.factory()).orElseThrow(() ->
                    new IllegalStateException(plugin + " has no DefaultQuantization: give the jar of "
                            + "plugins/default-quantization (mvn -pl engines/onnxruntime -Pstatistics-benchmark verify "
                            + "copies the installed one)"));
            Algorithm algorithm = factory.create(Map.of("preset", "performance", "target_device", "CPU",
                    "stat_subset_size", IMAGES), registry.context());
            // the factory gives ActivationChannelAlignment then DefaultQuantization proper (an AlgorithmSequence):
            // the statistics of the last step asking for any are DefaultQuantization's MinMax + FastBiasCorrection
            List<Algorithm> steps = algorithm instanceof AlgorithmSequence sequence ? sequence.steps()
                    : List.of(algorithm);
            Model model = new OnnxModelFormat().read(ModelSource.of(assets.resolve(MODEL)));
            Algorithm.StatisticsPlan plan = Algorithm.StatisticsPlan.NONE;
            for (Algorithm step : steps) {
                model = step.prepare(model);
                Algorithm.StatisticsPlan stepPlan = step.statistics(model);
                plan = stepPlan.request().isEmpty() ? plan : stepPlan;
            }
            DataLoader photos = preloaded(new ImageSamples(ImageSamples.jpegs(assets.resolve(PHOTOS), IMAGES), 480, 640,
                    false, false, 127, 128));
            Engine engine = new OrtEngineFactory().create(EngineSettings.cpu(), registry.context());
            engine.setModel(model);
            InferenceLoop loop = InferenceLoop.of(engine, photos);
            Sampler sampler = Sampler.sequential(photos.size(), plan.batchSize());
            return new Setup(engine, loop, plan.request(), sampler, describe(model, plan, photos.size()));
        }

        CollectedStatistics pass(Mode mode) {
            return switch (mode) {
                case INFERENCE -> loop.run(PredictRequest.evaluation(sampler, null)).statistics();
                case INPLACE -> loop.withInplaceStatistics(true).run(PredictRequest.statistics(sampler, request, null))
                        .statistics();
                case WHOLE -> loop.withInplaceStatistics(false).run(PredictRequest.statistics(sampler, request, null))
                        .statistics();
            };
        }

        private static String describe(Model model, Algorithm.StatisticsPlan plan, int images) {
            StatisticsRequest request = plan.request();
            int statistics = 0;
            Map<PortRef, Set<Reduction>> asked = new LinkedHashMap<>();
            for (PortRef port : request.ports()) {
                statistics += request.at(port).size();
                asked.put(port, reductionsAt(request, port));
            }
            PortObserver observer = new PortObserver() {
                @Override
                public Map<PortRef, Set<Reduction>> ports() {
                    return asked;
                }

                @Override
                public void whole(PortRef port, Tensor value) {
                }

                @Override
                public void reduced(PortRef port, Reduction reduction, Tensor value) {
                }
            };
            long inGraph = OrtObservedPorts.plan(model, model.name(), observer).values().stream()
                    .filter(r -> !r.isEmpty()).count();
            return String.format(Locale.ROOT, "UltraFace RFB-640 as DefaultQuantization prepares it (batch "
                    + "normalizations folded), %d group photos at 480x640, batch %d, ONNX Runtime %s threads; "
                    + "DefaultQuantization's statistics (preset performance, CPU): %d at %d ports, %d of them "
                    + "reduced in the graph with inplace statistics on", images, plan.batchSize(), "default",
                    statistics, request.ports().size(), inGraph);
        }

        /** The reductions a port asks the engine for: those of its statistics, when every one has one. */
        private static Set<Reduction> reductionsAt(StatisticsRequest request, PortRef port) {
            Set<Reduction> out = new java.util.LinkedHashSet<>();
            for (Statistic s : request.at(port)) {
                Optional<Reduction> r = s.reduction();
                if (r.isEmpty()) {
                    return Set.of();
                }
                out.add(r.get());
            }
            return out;
        }
    }

    /** {@code loader}'s samples decoded once and kept, so passes time the engine and not JPEG decoding. */
    private static DataLoader preloaded(DataLoader loader) {
        List<DataItem> items = new ArrayList<>();
        for (int i = 0; i < loader.size(); i++) {
            items.add(loader.get(i));
        }
        return new DataLoader() {
            @Override
            public int size() {
                return items.size();
            }

            @Override
            public DataItem get(int index) {
                return items.get(index);
            }

            @Override
            public String description() {
                return loader.description();
            }
        };
    }

    private static double largestRelativeDifference(CollectedStatistics a, CollectedStatistics b) {
        double worst = 0;
        for (Map.Entry<PortRef, Map<String, Tensor>> port : a.asMap().entrySet()) {
            for (Map.Entry<String, Tensor> s : port.getValue().entrySet()) {
                double[] x = s.getValue().toDoubleArray();
                double[] y = b.require(port.getKey(), s.getKey()).toDoubleArray();
                for (int i = 0; i < x.length; i++) {
                    double scale = Math.max(Math.abs(x[i]), Math.abs(y[i]));
                    if (scale > 0) {
                        worst = Math.max(worst, Math.abs(x[i] - y[i]) / scale);
                    }
                }
            }
        }
        return worst;
    }

    /** This JVM's peak resident set (VmHWM), in kB; -1 where /proc is not there. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The peak RSS of a child JVM (this one's options and class path) that runs one pass of {@code mode}. */
    private static long childPeakRssKb(Mode mode, Path assets, Path plugin) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StatisticsPassBenchmark.class.getName(),
                "--child", mode.name(), assets.toString(), plugin.toString()));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the " + mode + " child failed:\n" + out);
            }
            return out.lines().filter(l -> l.startsWith("VmHWM_kB ")).mapToLong(l -> Long.parseLong(l.substring(9)))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
