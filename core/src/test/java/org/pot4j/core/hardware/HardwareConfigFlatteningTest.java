package org.pot4j.core.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.core.hardware.OpConfig.ACTIVATIONS;
import static org.pot4j.core.hardware.OpConfig.OUTPUTS;
import static org.pot4j.core.hardware.OpConfig.WEIGHTS;
import static org.pot4j.core.hardware.QuantizationMode.ASYMMETRIC;
import static org.pot4j.core.hardware.QuantizationMode.SYMMETRIC;
import static org.pot4j.core.statistics.Granularity.PER_CHANNEL;
import static org.pot4j.core.statistics.Granularity.PER_TENSOR;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;

/** The bundled configurations flatten to the lists of POT_SPEC §3.2-3.4; a template-like file as §3.1 describes. */
class HardwareConfigFlatteningTest {
    // cpu.json aliases (POT_SPEC §3.2)
    private static final List<QuantizationScheme> Q8_A = List.of(
            QuantizationScheme.of(8, SYMMETRIC, PER_TENSOR), QuantizationScheme.of(8, ASYMMETRIC, PER_TENSOR));
    private static final List<QuantizationScheme> Q8_A_CH = List.of(
            QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL), QuantizationScheme.of(8, ASYMMETRIC, PER_CHANNEL));
    private static final QuantizationScheme Q8_W_SYM = QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL, -127, 127);
    private static final QuantizationScheme Q8_W_ASYM = QuantizationScheme.of(8, ASYMMETRIC, PER_CHANNEL);
    private static final List<QuantizationScheme> CPU_W = List.of(Q8_W_SYM, Q8_W_ASYM);
    private static final List<String> CPU_ELTWISE = List.of("Add", "Multiply", "Maximum", "Minimum", "Less", "LessEqual",
            "Greater", "GreaterEqual", "Divide", "Equal", "NotEqual", "Subtract", "FloorMod", "LogicalOr", "LogicalXor",
            "LogicalAnd", "LogicalNot");
    private static final List<String> CPU_ACTIVATION_ONLY = List.of("Power", "AvgPool", "NormalizeL2", "ReduceMean",
            "Interpolate", "MVN");
    private static final List<String> CPU_AGNOSTIC = List.of("MaxPool", "ReduceMax", "Reshape", "Flatten", "Squeeze",
            "Unsqueeze", "Split", "VariadicSplit", "Crop", "Transpose", "Tile", "StridedSlice", "ShuffleChannels",
            "Broadcast", "Pad", "ConvertLike", "Gather", "DepthToSpace");

    // gna.json aliases (POT_SPEC §3.4)
    private static final QuantizationScheme Q32 = QuantizationScheme.of(32, SYMMETRIC, PER_TENSOR, -2147483648L, 2147483647L);
    private static final QuantizationScheme Q16_A = QuantizationScheme.of(16, SYMMETRIC, PER_TENSOR, -32768, 32767);
    private static final QuantizationScheme Q8_W = QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL, -127, 127);
    private static final QuantizationScheme Q16_W = QuantizationScheme.of(16, SYMMETRIC, PER_TENSOR, -32767, 32767);

    /** The expected cpu.json, written out from the table of POT_SPEC §3.2: type -> group -> schemes. */
    private static Map<String, Map<String, List<QuantizationScheme>>> expectedCpu(boolean withRecurrent) {
        Map<String, Map<String, List<QuantizationScheme>>> m = new LinkedHashMap<>();
        for (String t : List.of("Convolution", "ConvolutionBackpropData", "MatMul")) {
            m.put(t, Map.of(ACTIVATIONS, Q8_A, WEIGHTS, CPU_W));
        }
        m.put("DepthWiseConvolution", Map.of(ACTIVATIONS, Q8_A_CH, WEIGHTS, CPU_W));
        CPU_ELTWISE.forEach(t -> m.put(t, Map.of(ACTIVATIONS, Q8_A, WEIGHTS, CPU_W)));
        CPU_ACTIVATION_ONLY.forEach(t -> m.put(t, Map.of(ACTIVATIONS, Q8_A)));
        if (withRecurrent) {
            m.put("LSTMSequence", Map.of(ACTIVATIONS, Q8_A, WEIGHTS, List.of(Q8_W_SYM)));
            m.put("GRUSequence", Map.of(ACTIVATIONS, Q8_A, WEIGHTS, List.of(Q8_W_SYM)));
        }
        m.put("Concat", Map.of());
        CPU_AGNOSTIC.forEach(t -> m.put(t, Map.of()));
        return m;
    }

    @Test
    void cpuFlattensToTheSpecTable() {
        HardwareConfig cpu = HardwareConfigs.forTargetDevice("CPU");
        assertEquals("CPU", cpu.targetDevice());
        assertEquals(8, cpu.primaryBitwidth());
        assertEquals(expectedCpu(true), byType(cpu));
        assertEquals(Q8_A, cpu.schemes("Convolution", ACTIVATIONS));
        assertEquals(List.of(Q8_W_SYM, Q8_W_ASYM), cpu.schemes("Convolution", WEIGHTS));
        assertEquals(UnifiedScales.ALL, cpu.op("Concat").orElseThrow().unifiedScales().orElseThrow());
        assertEquals(UnifiedScales.ofGroups(List.of(List.of(0, 1), List.of(4, 5))),
                cpu.op("LSTMSequence").orElseThrow().unifiedScales().orElseThrow());
        assertEquals(UnifiedScales.ofGroups(List.of(List.of(0, 1), List.of(3, 4))),
                cpu.op("GRUSequence").orElseThrow().unifiedScales().orElseThrow());
    }

    @Test
    void anyIsCpuUnderItsOwnName() {
        HardwareConfig any = HardwareConfigs.forTargetDevice("ANY");
        assertEquals("ANY", any.targetDevice());
        assertEquals(expectedCpu(true), byType(any));
        assertSame(any, HardwareConfigs.forTargetDevice("any"), "parsed once per device");
    }

    @Test
    void gpuIsCpuWithoutRecurrentSequences() {
        HardwareConfig gpu = HardwareConfigs.forTargetDevice("GPU");
        assertEquals("GPU", gpu.targetDevice());
        assertEquals(expectedCpu(false), byType(gpu));
    }

    @Test
    void gnaFlattensToTheSpecTable() {
        HardwareConfig gna = HardwareConfigs.forTargetDevice("GNA");
        assertEquals(16, gna.primaryBitwidth());
        Map<String, Map<String, List<QuantizationScheme>>> m = new LinkedHashMap<>();
        m.put("Convolution", Map.of(ACTIVATIONS, List.of(Q16_A), WEIGHTS, List.of(Q16_W), OUTPUTS, List.of(Q32)));
        m.put("MatMul", Map.of(ACTIVATIONS, List.of(Q16_A), WEIGHTS, List.of(Q8_W, Q16_W), OUTPUTS, List.of(Q32)));
        m.put("Add", Map.of(ACTIVATIONS, List.of(Q16_A), WEIGHTS, List.of(Q16_W), OUTPUTS, List.of(Q32)));
        m.put("Multiply", Map.of(ACTIVATIONS, List.of(Q16_A), WEIGHTS, List.of(Q16_W), OUTPUTS, List.of(Q32)));
        m.put("Subtract", Map.of(ACTIVATIONS, List.of(Q16_A), WEIGHTS, List.of(Q16_W)));
        for (String t : List.of("Power", "Sigmoid", "Tanh", "ReLU", "PReLU", "Clamp", "Log", "Abs", "Exp", "Sign", "SoftSign")) {
            m.put(t, Map.of(ACTIVATIONS, List.of(Q32), OUTPUTS, List.of(Q16_A)));
        }
        for (String t : List.of("AvgPool", "ReduceMean", "Assign", "Result")) {
            m.put(t, Map.of(ACTIVATIONS, List.of(Q16_A)));
        }
        m.put("Parameter", Map.of(OUTPUTS, List.of(Q16_A)));
        for (String t : List.of("MaxPool", "ReduceMax", "Reshape", "Concat", "Flatten", "Squeeze", "Unsqueeze", "Split",
                "VariadicSplit", "Crop", "Transpose", "Tile", "StridedSlice", "ShuffleChannels", "Broadcast", "Pad",
                "ConvertLike", "DepthToSpace")) {
            m.put(t, Map.of());
        }
        assertEquals(m, byType(gna));
        assertFalse(gna.hasUnifiedScales());
    }

    @Test
    void levelsAreLongs() {
        assertEquals(4294967296L, Q32.levels(false), "q32 has 2^32 levels");
        assertEquals(65536L, Q16_A.levels(false));
        assertEquals(65535L, Q16_W.levels(true));
        assertEquals(255L, Q8_W_SYM.levels(true));
        assertEquals(256L, Q8_W_ASYM.levels(true), "asymmetric weights default to -128..127");
        assertEquals(256L, QuantizationScheme.of(8, SYMMETRIC, PER_TENSOR).levels(false), "activations -128..127");
        assertEquals(255L, QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL).levels(true), "symmetric weights -127..127");
    }

    @Test
    void npuAndItsLegacyVpuAlias() {
        HardwareConfig npu = HardwareConfigs.forTargetDevice("NPU");
        HardwareConfig vpu = HardwareConfigs.forTargetDevice("VPU");
        QuantizationScheme q8tn = QuantizationScheme.of(8, ASYMMETRIC, PER_TENSOR);
        QuantizationScheme q4tn = QuantizationScheme.of(4, SYMMETRIC, PER_TENSOR);
        QuantizationScheme q8ch = QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL);
        QuantizationScheme q4ch = QuantizationScheme.of(4, SYMMETRIC, PER_CHANNEL);
        QuantizationScheme q2ch = QuantizationScheme.of(2, SYMMETRIC, PER_CHANNEL);
        QuantizationScheme q8ach = new QuantizationScheme(8, ASYMMETRIC, PER_CHANNEL, OptionalLong.empty(),
                OptionalLong.empty(), true);
        for (HardwareConfig c : List.of(npu, vpu)) {
            assertEquals(List.of(q8tn, q4tn, q8tn), c.schemes("Convolution", ACTIVATIONS));
            assertEquals(List.of(q8ch, q4ch, q2ch, q8ach), c.schemes("MatMul", WEIGHTS));
            assertEquals(List.of(q8tn), c.schemes("GroupConvolutionBackpropData", ACTIVATIONS));
            assertEquals(List.of(q8ch), c.schemes("DepthWiseConvolution", ACTIVATIONS));
            assertEquals(List.of(q8ch, q4tn, q8ch), c.schemes("Add", WEIGHTS));
            assertEquals(List.of(q8ch), c.schemes("AvgPool", ACTIVATIONS));
            assertEquals(List.of(q8tn), c.schemes("Concat", ACTIVATIONS));
            assertEquals(UnifiedScales.ALL, c.op("Concat").orElseThrow().unifiedScales().orElseThrow());
            assertEquals(UnifiedScales.ALL, c.op("Less").orElseThrow().unifiedScales().orElseThrow());
        }
        assertEquals(Map.of("unified_scales", "all"), npu.op("Add").orElseThrow().attributes());
        assertEquals(Map.of("scales", "unified"), vpu.op("Add").orElseThrow().attributes(), "legacy spelling kept raw");
        assertEquals(byType(npu), byType(vpu));
    }

    @Test
    void templateFlattensAsTheSpecExample() {
        HardwareConfig t = parse(getClass().getResourceAsStream("template.json"), null);
        assertEquals("CPU", t.targetDevice());
        assertEquals(8, t.primaryBitwidth(), "primary_bitwidth defaults to 8");
        assertEquals(List.of(
                QuantizationScheme.of(2, SYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(4, SYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, SYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL),
                QuantizationScheme.of(8, ASYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, ASYMMETRIC, PER_CHANNEL)), t.schemes("Convolution", ACTIVATIONS));
        assertEquals(List.of(
                QuantizationScheme.of(4, SYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, SYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL),
                QuantizationScheme.of(8, ASYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, ASYMMETRIC, PER_CHANNEL)), t.schemes("Convolution", WEIGHTS));
        assertEquals(List.of(
                QuantizationScheme.of(8, SYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, SYMMETRIC, PER_CHANNEL),
                QuantizationScheme.of(8, ASYMMETRIC, PER_TENSOR),
                QuantizationScheme.of(8, ASYMMETRIC, PER_CHANNEL)), t.schemes("MatMul", ACTIVATIONS));
        assertEquals(List.of(QuantizationScheme.of(8, SYMMETRIC, PER_TENSOR, -127, 127)), t.schemes("MatMul", WEIGHTS));
    }

    @Test
    void keyOrderDecidesTheProductOrder() {
        HardwareConfig c = parse(json("{'target_device':'X','config':{'quantization':{'a':{'granularity':['pertensor',"
                + "'perchannel'],'mode':['symmetric','asymmetric'],'bits':[8,4]}}},'operations':[{'type':'Conv',"
                + "'quantization':{'activations':'a'}}]}"), "Y");
        assertEquals("Y", c.targetDevice());
        List<String> got = new ArrayList<>();
        c.schemes("Conv", ACTIVATIONS).forEach(s -> got.add(s.toString()));
        assertEquals(List.of("(8,symmetric,pertensor)", "(4,symmetric,pertensor)", "(8,asymmetric,pertensor)",
                "(4,asymmetric,pertensor)", "(8,symmetric,perchannel)", "(4,symmetric,perchannel)",
                "(8,asymmetric,perchannel)", "(4,asymmetric,perchannel)"), got);
    }

    @Test
    void agnosticMeansListedWithoutQuantizationAndInPotsList() {
        HardwareConfig cpu = HardwareConfigs.forTargetDevice("CPU");
        assertTrue(cpu.isAgnostic("Gather"));
        assertTrue(cpu.isAgnostic("Concat"));
        assertFalse(cpu.isAgnostic("Minimum"), "quantized in cpu.json");
        assertFalse(cpu.isAgnostic("Softmax"), "not listed");
        assertTrue(cpu.isQuantizable("Minimum"));
        assertFalse(HardwareConfigs.forTargetDevice("GNA").isAgnostic("Gather"), "agnostic only when in the file");
    }

    @Test
    void unknownDeviceNamesTheSupportedOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> HardwareConfigs.forTargetDevice("TPU"));
        assertEquals("Unsupported target_device 'TPU' (supported: ANY, CPU, CPU_SPR, GPU, NPU, VPU, GNA)", e.getMessage());
    }

    @Test
    void badFilesNameTheKeyPath() {
        assertEquals("operations[0].quantization.weights[1]: unknown alias 'q9' (defined: q8) (in test.json)",
                badFile("{'target_device':'X','config':{'quantization':{'q8':{'bits':8,'mode':'symmetric',"
                        + "'granularity':'pertensor'}}},'operations':[{'type':'Conv','quantization':{'weights':['q8','q9']}}]}"));
        assertEquals("config.quantization.q8.mode: 'sym' is not one of symmetric, asymmetric (in test.json)",
                badFile("{'target_device':'X','config':{'quantization':{'q8':{'bits':8,'mode':['symmetric','sym'],"
                        + "'granularity':'pertensor'}}}}"));
        assertEquals("config.quantization.q8: missing 'granularity' (in test.json)",
                badFile("{'target_device':'X','config':{'quantization':{'q8':{'bits':8,'mode':'symmetric'}}}}"));
        assertEquals("config.quantization.q8.bits: must be an integer, got \"8\" (in test.json)",
                badFile("{'target_device':'X','config':{'quantization':{'q8':{'bits':'8','mode':'symmetric',"
                        + "'granularity':'pertensor'}}}}"));
        assertEquals("operations[0].quantisation: unknown key (expected type, quantization, attributes) (in test.json)",
                badFile("{'target_device':'X','operations':[{'type':'Conv','quantisation':{}}]}"));
        assertEquals("missing 'target_device' (in test.json)", badFile("{}"));
    }

    private static String badFile(String json) {
        return assertThrows(ConfigurationException.class,
                () -> HardwareConfigParser.parse(json(json), "test.json", null)).getMessage();
    }

    private static HardwareConfig parse(InputStream in, String device) {
        return HardwareConfigParser.parse(in, "test.json", device);
    }

    private static InputStream json(String singleQuoted) {
        return new ByteArrayInputStream(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Map<String, List<QuantizationScheme>>> byType(HardwareConfig c) {
        Map<String, Map<String, List<QuantizationScheme>>> m = new LinkedHashMap<>();
        for (OpConfig op : c.operations()) {
            m.put(op.type(), op.quantization());
        }
        assertEquals(c.operations().size(), m.size(), "op types are unique");
        return m;
    }
}
