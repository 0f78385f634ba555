package org.pot4j.engine.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.RuntimeInspection;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.testkit.TestPluginContext;
import org.pot4j.testkit.RandomSamples;

/** The kernel report of small QDQ Conv units: one that fuses, and one per rule broken. */
class OrtRuntimeInspectionTest {
    @TempDir
    Path dir;

    /** The model without pot4j's view, which does not take a DequantizeLinear'd bias yet; ONNX Runtime does. */
    private static OnnxModel raw(Path file) {
        return new OnnxModel("qdq_conv", file, OnnxReader.read(file).proto(), OnnxExternalData.NONE);
    }

    private KernelReport report(QdqConvModels.Variant v) throws Exception {
        Path file = QdqConvModels.write(dir.resolve(v.name().toLowerCase() + ".onnx"), v);
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)),
                new TestPluginContext())) {
            e.setModel(raw(file));
            return e.extension(RuntimeInspection.class).orElseThrow().inspect();
        }
    }

    @Test
    void aWellFormedUnitRunsAsQLinearConv() throws Exception {
        KernelReport r = report(QdqConvModels.Variant.FUSES);
        assertEquals(1, r.quantizedOps(), r.toString());
        assertEquals(1, r.integerOps(), r.toString());
        assertEquals(1.0, r.coverage());
        assertEquals(List.of(), r.floatOps());
        assertEquals(1, r.opCounts().get("QLinearConv"), r.toString());
        assertEquals(1, r.quantizeLinearLeft(), "only the input's QuantizeLinear is left: " + r);
        assertEquals(1, r.dequantizeLinearLeft(), "only the output's DequantizeLinear is left: " + r);
        assertTrue(r.runtime().startsWith("ONNX Runtime 1.") && r.runtime().contains("CPU, optimization level extended"),
                r.runtime());
    }

    @Test
    void withoutAQuantizeLinearOnItsOutputTheConvStaysFloat() throws Exception {
        KernelReport r = report(QdqConvModels.Variant.NO_OUTPUT_QUANTIZE);
        assertEquals(1, r.quantizedOps(), r.toString());
        assertEquals(0.0, r.coverage());
        assertEquals(1, r.floatOps().size(), r.toString());
        KernelReport.FloatOp op = r.floatOps().get(0);
        assertTrue(op.opType().endsWith("Conv"), op.opType()); // FusedConv: ONNX Runtime fused the Sigmoid into it
        assertEquals("no QuantizeLinear on its output (output read by Sigmoid 'sig')", op.reason());
    }

    @Test
    void aPerChannelActivationQuantizerIsNamed() throws Exception {
        KernelReport r = report(QdqConvModels.Variant.PER_CHANNEL_ACTIVATION);
        assertEquals(0.0, r.coverage(), r.toString());
        assertTrue(r.floatOps().get(0).reason().startsWith("activation input quantized per channel"), r.toString());
    }

    @Test
    void profilingSumsKernelTimeByOpType() throws Exception {
        Path file = QdqConvModels.write(dir.resolve("fuses.onnx"), QdqConvModels.Variant.FUSES);
        RandomSamples samples = new RandomSamples(1, QdqConvModels.C, 8, 8);
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)),
                new TestPluginContext())) {
            e.setModel(raw(file));
            org.pot4j.api.tensor.Tensor x = samples.get(0).inputs().values().iterator().next()
                    .reshape(org.pot4j.api.tensor.Shape.of(1, QdqConvModels.C, 8, 8));
            KernelReport r = e.extension(RuntimeInspection.class).orElseThrow().inspect(Map.of("x", x), 3);
            assertTrue(r.kernelMillisByOp().keySet().stream().anyMatch(k -> k.contains("QLinearConv")), r.toString());
        }
    }

    @Test
    void aBatchOneExportRunsAtAnotherBatchThroughItsSymbolicCopy() {
        Path file = org.pot4j.testkit.TestAssets.require("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128_quant.onnx");
        RandomSamples samples = new RandomSamples(2, 3, 128, 128);
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)),
                new TestPluginContext())) {
            e.setModel(new org.pot4j.onnx.OnnxModelFormat().read(org.pot4j.api.model.ModelSource.of(file)));
            java.util.List<org.pot4j.api.tensor.Tensor> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rows.add(samples.get(i).inputs().values().iterator().next().reshape(
                        org.pot4j.api.tensor.Shape.of(1, 3, 128, 128)));
            }
            org.pot4j.api.tensor.Tensor out = e.infer(Map.of("", org.pot4j.api.tensor.Tensor.concatBatch(rows)))
                    .values().iterator().next();
            assertEquals(2, out.shape().dim(0), out.toString());
            KernelReport r = e.extension(RuntimeInspection.class).orElseThrow().inspect();
            assertTrue(r.quantizedOps() > 10 && r.integerOps() == r.quantizedOps(), r.toString());
        }
    }
}
