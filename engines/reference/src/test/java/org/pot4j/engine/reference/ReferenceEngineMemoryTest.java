package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.plan.CompiledGraph;
import org.pot4j.engine.reference.plan.MemoryEstimate;
import org.pot4j.engine.reference.plan.PlanCompiler;
import org.pot4j.engine.reference.gemm.SgemmSelector;
import org.pot4j.engine.reference.loops.FloatLoopsSelector;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.ir.IrModelFormat;

/**
 * A model too big for the heap is refused with a clear message before anything is allocated: at setModel for the
 * declared shapes, at the first inference of a larger batch. Before, an IR with a 1x3x65536x65536 input ran until
 * the JVM (or the kernel) killed it.
 */
class ReferenceEngineMemoryTest {
    @TempDir
    Path dir;

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    /** An IR v11 with no constants: Parameter of {@code dims} -> ReLU -> Result. */
    private static String reluIr(String dims) {
        StringBuilder d = new StringBuilder();
        for (String x : dims.split(",")) {
            d.append("<dim>").append(x).append("</dim>");
        }
        return """
                <?xml version="1.0"?>
                <net name="huge" version="11">
                	<layers>
                		<layer id="0" name="data" type="Parameter" version="opset1">
                			<data shape="%1$s" element_type="f32"/>
                			<output><port id="0" precision="FP32" names="data">%2$s</port></output>
                		</layer>
                		<layer id="1" name="relu" type="ReLU" version="opset1">
                			<input><port id="0" precision="FP32">%2$s</port></input>
                			<output><port id="1" precision="FP32" names="relu">%2$s</port></output>
                		</layer>
                		<layer id="2" name="out" type="Result" version="opset1">
                			<input><port id="0" precision="FP32">%2$s</port></input>
                		</layer>
                	</layers>
                	<edges>
                		<edge from-layer="0" from-port="0" to-layer="1" to-port="0"/>
                		<edge from-layer="1" from-port="1" to-layer="2" to-port="0"/>
                	</edges>
                </net>
                """.formatted(dims, d);
    }

    @Test
    void aTinyIrWithAHugeDeclaredInputIsRefusedAtSetModel() throws IOException {
        Path xml = Files.writeString(dir.resolve("huge.xml"), reluIr("1,3,65536,65536"));
        Model model = new IrModelFormat().read(ModelSource.of(xml));
        try (Engine e = OpRunner.engine(Map.of())) {
            EngineException refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(EngineException.class, () -> e.setModel(model)));
            // 3 x 65536^2 floats = 48 GiB each; the input and the ReLU output are alive together
            assertMentions(refused.getMessage(), "model 'huge'", "at batch 1 needs about 96.0 GB",
                    "largest: Parameter node 'data' [1,3,65536,65536] = 48.0 GB", "plus 0 bytes of weights", "free of its",
                    "more than a Java array holds (2^31 - 1): use a smaller batch or input shape");
            assertTrue(e.model().isEmpty(), "nothing was loaded");
        }
    }

    @Test
    void aDeclaredShapeThatFitsIsAccepted() throws IOException {
        Path xml = Files.writeString(dir.resolve("small.xml"), reluIr("1,3,8,8"));
        try (Engine e = OpRunner.engine(Map.of())) {
            e.setModel(new IrModelFormat().read(ModelSource.of(xml)));
            assertEquals(Shape.of(1, 3, 8, 8), e.infer(Map.of("data", Tensor.ofFloats(new float[192], 1, 3, 8, 8)))
                    .get("relu").shape());
        }
    }

    /** data [1,1,128,128] -> 1x1 Convolution to 512 channels -> ReLU: 32 MB per tensor at batch 1. */
    private static GraphModel widening() {
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("data", 1, 1, 128, 128));
        b.addConstant("w", Tensor.ofFloats(new float[512], 512, 1, 1, 1));
        b.add("conv", OpKinds.CONVOLUTION, Attributes.of(Map.of("strides", "1,1", "pads_begin", "0,0", "pads_end", "0,0",
                "dilations", "1,1", "auto_pad", "explicit")), List.of(PortRef.of("data"), PortRef.of("w")),
                out("conv", 1, 512, 128, 128));
        b.add("relu", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("conv")), out("relu", 1, 512, 128, 128));
        b.add("relu/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("relu")), List.of());
        return new GraphModel("widening", b.build());
    }

    private static List<OutputPort> out(String name, long... dims) {
        return List.of(new OutputPort(0, Shape.of(dims), ElementType.F32, List.of(name)));
    }

    @Test
    void aBatchTooLargeForTheHeapIsRefusedBeforeItsFirstInference() {
        try (Engine e = OpRunner.engine(Map.of("threads", 1))) {
            e.setModel(widening());
            // batch 128: an 8 MB input, but 4 GB per activation and two of them alive at once
            Tensor input = Tensor.ofFloats(new float[128 * 128 * 128], 128, 1, 128, 128);
            EngineException refused = assertThrows(EngineException.class, () -> e.infer(Map.of("data", input)));
            assertMentions(refused.getMessage(), "model 'widening'", "at batch 128 needs about 8.0 GB",
                    "largest: Convolution node 'conv' [128,512,128,128] = 4.0 GB", "POT4J_OPTS=-Xmx");
            Tensor small = e.infer(Map.of("data", Tensor.ofFloats(new float[2 * 128 * 128], 2, 1, 128, 128))).get("relu");
            assertEquals(Shape.of(2, 512, 128, 128), small.shape(), "a batch that fits still runs");
        }
    }

    private static CompiledGraph compile(GraphModel m) {
        return new PlanCompiler(KernelRegistry.standard(), SgemmSelector.select(false), FloatLoopsSelector.select(false),
                false).compile(m.graph());
    }

    @Test
    void theEstimateFollowsTheLastReaderOfEachValue() {
        CompiledGraph g = compile(widening());
        long mb32 = 512L * 128 * 128 * 4;
        MemoryEstimate one = MemoryEstimate.of(g, 1, true);
        // while ReLU runs: the input (64 KB), conv's output and ReLU's output
        assertEquals(128 * 128 * 4 + 2 * mb32, one.activationBytes(), 1.0);
        assertEquals(512 * 4, one.weightBytes());
        assertEquals("conv", one.largestNode().name());
        MemoryEstimate eight = MemoryEstimate.of(g, 8, false);
        assertEquals(8 * 2 * mb32, eight.activationBytes(), 1.0, "scales with the batch; inputs not counted");
    }

    @Test
    void aModelThatFitsOnlyAfterACollectionIsAccepted() {
        CompiledGraph g = compile(widening());
        long[] used = {1000L << 20};
        boolean[] poolCleared = {false};
        HeapGuard guard = new HeapGuard(new HeapGuard.Heap() {
            @Override
            public long max() {
                return 1L << 30;
            }

            @Override
            public long used() {
                return used[0];
            }

            @Override
            public void collect() {
                used[0] = 100L << 20;
            }
        });
        guard.check("widening", g, 1, true, () -> poolCleared[0] = true);
        assertTrue(poolCleared[0], "the engine's pooled buffers are dropped before the collection");
        EngineException refused = assertThrows(EngineException.class, () -> guard.check("widening", g, 16, false, () -> { }));
        assertMentions(refused.getMessage(), "at batch 16 needs about 1.0 GB", "plus 2 KB of weights",
                "the Java heap has 924 MB free of its 1.0 GB limit", "-Xmx2g");
    }
}
