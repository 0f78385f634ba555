package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.onnx.OnnxModelFormat;

/**
 * AccuracyAwareQuantization through {@code pot4j run -c} on real models with real labels, checked on the files it
 * saves: squeezenet1.1 (IR, the sample with its mean built in, reference engine) and mobilenet_v1_0.25_128 (ONNX, ONNX
 * Runtime), each on a slice of the ImageNet samples where DefaultQuantization loses more than {@code maximal_drop}.
 * The saved model, read back, has no quantizer on the inputs or weights of exactly the ops of the report's ignored
 * scope, while every other op the ranking named keeps its quantizers; and the drop is met, or the report says it was
 * not within {@code max_iter_num}.
 *
 * <p>Needs the shared assets (skipped without them). Small by default; bigger runs with
 * {@code -Dpot4j.aa.squeezenet.samples=N}, {@code -Dpot4j.aa.mobilenet.samples=N} (mobilenet's slice starts at sample
 * 700), {@code -Dpot4j.aa.maxIter=K} (squeezenet's max_iter_num, default 3; mobilenet's is unlimited).
 */
class AccuracyAwareSavedModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ops that only move values: a quantizer before them still quantizes what the op after them reads. */
    private static final Set<String> VALUE_MOVING = Set.of(OpKinds.MAX_POOL, OpKinds.RESHAPE, OpKinds.CONCAT,
            OpKinds.SPLIT, OpKinds.FLATTEN, OpKinds.TRANSPOSE, OpKinds.SQUEEZE, OpKinds.UNSQUEEZE);
    /** Ops whose weights (input 1) are quantized too. */
    private static final Set<String> WEIGHTED = Set.of(OpKinds.CONVOLUTION, OpKinds.GROUP_CONVOLUTION,
            OpKinds.MAT_MUL);

    @TempDir
    Path tmp;

    @Test
    void squeezenetIrRevertsLayersAndTheSavedIrHasNoFakeQuantizeOnExactlyThem() throws IOException {
        Path assets = CliRun.assets();
        Path xml = CliRun.squeezenet();
        int samples = Integer.getInteger("pot4j.aa.squeezenet.samples", 30);
        int maxIter = Integer.getInteger("pot4j.aa.maxIter", 3);
        Map<String, Object> engine = engine("simplified", images(assets, 0, samples), assets, 0);
        Map<String, Object> params = params(samples, 0.001, tmp.resolve("squeezenet.json"));
        params.put("max_iter_num", maxIter);
        Run run = run(Map.of("model_name", "squeezenet1.1", "model", xml.toString()), engine, params);
        check(run, new IrModelFormat().read(ModelSource.of(run.saved())));
    }

    @Test
    void mobilenetOnnxRevertsLayersAndTheSavedOnnxHasNoQdqOnExactlyThem() throws IOException {
        Path assets = CliRun.assets();
        Path onnx = assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx");
        int samples = Integer.getInteger("pot4j.aa.mobilenet.samples", 100);
        Map<String, Object> engine = engine("onnxruntime", images(assets, 700, samples), assets, 1);
        engine.put("color_order", "RGB");
        engine.put("mean", List.of(127.5, 127.5, 127.5));
        engine.put("scale", List.of(127.5, 127.5, 127.5));
        engine.put("central_fraction", 0.875);
        Run run = run(Map.of("model_name", "mobilenet", "model", onnx.toString()), engine,
                params(samples, 0.01, tmp.resolve("mobilenet.json")));
        check(run, new OnnxModelFormat().read(ModelSource.of(run.saved())));
    }

    /** The saved model and the sensitivity report of one run. */
    private record Run(Path saved, JsonNode report) {
    }

    private Run run(Map<String, Object> model, Map<String, Object> engine, Map<String, Object> params)
            throws IOException {
        Map<String, Object> config = Map.of("model", model, "engine", engine, "compression", Map.of(
                "target_device", "CPU", "algorithms", List.of(Map.of("name", "AccuracyAwareQuantization",
                        "params", params))));
        Path file = tmp.resolve("config.json");
        JSON.writeValue(file.toFile(), config);
        CliRun r = CliRun.of("run", "-c", file.toString(), "--output-dir", tmp.resolve("out").toString(), "-d");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.lastLine().startsWith("Saved: "), r.toString());
        return new Run(Path.of(r.lastLine().substring("Saved: ".length())),
                JSON.readTree(Path.of((String) params.get("sensitivity_report")).toFile()));
    }

    private static void check(Run run, Model saved) {
        JsonNode report = run.report();
        String metric = report.get("initial_drop").fieldNames().next();
        assertEquals("accuracy@top1", metric, "the engine section's labels_file gives AccuracyAware top-1 on the labels");
        double allowed = report.get("maximal_drop").get(metric).asDouble();
        assertTrue(report.get("initial_drop").get(metric).asDouble() > allowed,
                "DefaultQuantization's drop must exceed maximal_drop for anything to be reverted: " + report);
        Set<String> ignored = strings(report.get("ignored").get("scope"));
        assertFalse(ignored.isEmpty(), "layers were reverted: " + report);
        assertTrue(report.get("iterations").asInt() >= 1, report.toString());
        boolean met = report.get("met").asBoolean();
        if (met) {
            assertTrue(report.get("final_drop").get(metric).asDouble() <= allowed, report.toString());
        } else {
            assertEquals(report.get("max_iter_num").asInt(), report.get("iterations").asInt(),
                    "not met: the run stopped at max_iter_num: " + report);
        }

        Set<String> ranked = new LinkedHashSet<>();
        report.get("ranking").forEach(e -> ranked.addAll(strings(e.get("ops"))));
        assertTrue(ranked.containsAll(ignored), "the reverted ops are ranked ops: " + ignored);
        Graph g = saved.graph();
        List<String> wrong = new ArrayList<>();
        for (String op : ranked) {
            Node n = g.requireNode(op);
            if (ignored.contains(op)) {
                for (int port = 0; port < n.inputCount(); port++) {
                    if (quantized(g, n, port)) {
                        wrong.add(op + " (reverted) reads a quantizer on input " + port);
                    }
                }
            } else {
                int ports = WEIGHTED.contains(n.kind()) ? 2 : 1;
                for (int port = 0; port < ports; port++) {
                    if (!quantized(g, n, port)) {
                        wrong.add(op + " (kept) has no quantizer on input " + port);
                    }
                }
            }
        }
        System.out.printf("%s: %d of %d ranked ops reverted in %d iterations, drop %s -> %s (allowed %s), met %s%n",
                saved.name(), ignored.size(), ranked.size(), report.get("iterations").asInt(),
                report.get("initial_drop").get(metric), report.get("final_drop").get(metric), allowed, met);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * True when input {@code port} of {@code n} reads a quantizer: a FakeQuantize or DequantizeLinear, int8 weights
     * decompressed (Convert of an integer constant, then Subtract/Multiply), possibly through ops that only move values.
     */
    private static boolean quantized(Graph g, Node n, int port) {
        Node p = g.producer(n, port).orElse(null);
        if (p == null) {
            return false;
        }
        String kind = p.kind();
        if (kind.equals(OpKinds.FAKE_QUANTIZE) || kind.equals(OpKinds.DEQUANTIZE_LINEAR)) {
            return true;
        }
        if (kind.equals(OpKinds.CONVERT)) {
            Node c = g.producer(p, 0).orElse(null);
            return c != null && c.isConstant() && c.constantValue().map(t -> t.elementType() == ElementType.I8
                    || t.elementType() == ElementType.U8).orElse(false);
        }
        if (kind.equals(OpKinds.MULTIPLY) || kind.equals(OpKinds.SUBTRACT) || VALUE_MOVING.contains(kind)) {
            for (int i = 0; i < p.inputCount(); i++) {
                if (quantized(g, p, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The engine section: images from a .txt list, labels, the engine type. */
    private static Map<String, Object> engine(String type, Path list, Path assets, int labelOffset) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("type", type);
        engine.put("data_source", list.toAbsolutePath().toString());
        engine.put("labels_file", assets.resolve("images/imagenet-samples/labels.tsv").toAbsolutePath().toString());
        engine.put("label_offset", labelOffset);
        return engine;
    }

    private static Map<String, Object> params(int samples, double maxDrop, Path report) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", "performance");
        params.put("stat_subset_size", samples);
        params.put("maximal_drop", maxDrop);
        params.put("sensitivity_report", report.toString());
        return params;
    }

    /** {@code count} ImageNet samples from position {@code from} (sorted file names) as a .txt list. */
    private Path images(Path assets, int from, int count) throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(assets.resolve("images/imagenet-samples/images"))) {
            files = s.map(Path::toString).sorted().skip(from).limit(count).toList();
        }
        return Files.write(tmp.resolve("images-" + from + "-" + count + ".txt"), files);
    }
}
