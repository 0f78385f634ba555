package org.pot4j.ir;

import static org.pot4j.ir.IrBuilder.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.ir.IrBuilder.Out;

/**
 * The seed corpus of {@link IrReaderFuzzTest}: small valid IRs built with {@link IrBuilder}. The XML seeds share one
 * {@code .bin} ({@link #xmlSeedsBin()}), which the XML fuzz target pairs with every mutated XML; the {@code .bin}
 * seeds belong to {@link #binTargetXml()}. {@code main} rewrites the seed files; {@code IrFuzzSeedsTest} checks the
 * committed ones are still what this class builds.
 */
final class IrFuzzSeeds {
    /** Where Jazzer finds the seeds of one fuzz target method, under the module's test resources. */
    static final Path RESOURCES = Path.of("src/test/resources/org/pot4j/ir/IrReaderFuzzTestInputs");

    private IrFuzzSeeds() {
    }

    /** File name -> XML text of every XML seed, all against {@link #xmlSeedsBin()}. */
    static Map<String, String> xmlSeeds() {
        return build().xml;
    }

    /** The {@code .bin} every XML seed's constants are in. */
    static byte[] xmlSeedsBin() {
        return build().bin;
    }

    /** The fixed XML of the {@code .bin} fuzz target: the zoo, whose Reshape/Transpose/axes come from the {@code .bin}. */
    static String binTargetXml() {
        return IrZoo.build(new IrBuilder.Weights()).xml();
    }

    /** File name -> bytes of every {@code .bin} seed of {@link #binTargetXml()}. */
    static Map<String, byte[]> binSeeds() {
        byte[] bin = IrZoo.build(new IrBuilder.Weights()).bin();
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("zoo.bin", bin);
        m.put("zoo-truncated.bin", Arrays.copyOf(bin, bin.length - 5));
        return m;
    }

    private record Built(Map<String, String> xml, byte[] bin) {
    }

    private static Built build() {
        IrBuilder.Weights w = new IrBuilder.Weights();
        Map<String, String> xml = new LinkedHashMap<>();
        xml.put("zoo.xml", IrZoo.build(w).xml());
        xml.put("tiny.xml", TinyIr.XML);
        xml.put("f16-weights.xml", f16Weights(w));
        xml.put("int8-weights.xml", int8Weights(w));
        xml.put("dynamic.xml", dynamic(w));
        xml.put("ceil-pool-concat.xml", ceilPoolConcat(w));
        byte[] bin = w.bytes();
        if (bin.length < 24) {
            throw new IllegalStateException("tiny.xml reads 24 bytes at offset 0");
        }
        return new Built(xml, bin);
    }

    /** squeezenet v11's pattern: f16 Const -> Convert -> Convolution -> Add bias -> ReLU -> MaxPool. */
    private static String f16Weights(IrBuilder.Weights w) {
        IrBuilder b = new IrBuilder("f16", w);
        Out in = b.parameter("data", 1, 3, 8, 8);
        Out half = b.constant("conv_w_f16", "f16", "FP16", new long[] {4, 3, 3, 3}, new byte[4 * 3 * 3 * 3 * 2]);
        Out weights = b.op("Convert", "conv_w", data("destination_type", "f32"), List.of(half), 4, 3, 3, 3);
        Out conv = b.op("Convolution", "conv", data("strides", "2,2", "dilations", "1,1", "pads_begin", "0,0",
                "pads_end", "0,0", "auto_pad", "explicit"), List.of(in, weights), 1, 4, 3, 3);
        Out bias = b.op("Add", "bias", data("auto_broadcast", "numpy"), List.of(conv, b.f32("conv_b", 1, 4, 1, 1)), 1, 4, 3, 3);
        Out relu = b.op("ReLU", "relu", Map.of(), List.of(bias), 1, 4, 3, 3);
        Out pool = b.op("MaxPool", "pool", data("strides", "2,2", "pads_begin", "0,0", "pads_end", "0,0",
                "kernel", "3,3", "rounding_type", "ceil", "auto_pad", "explicit"), List.of(relu), 1, 4, 1, 1);
        b.result("pool/sink", pool);
        return b.xml();
    }

    /** face-detection FP16-INT8's pattern: i8 Const -> Convert -> Subtract -> Multiply -> Reshape -> GroupConvolution. */
    private static String int8Weights(IrBuilder.Weights w) {
        IrBuilder b = new IrBuilder("int8", w);
        Out in = b.parameter("data", 1, 4, 5, 5);
        Out q = b.constant("dw_q", "i8", "I8", new long[] {4, 1, 3, 3}, bytes(36, 7));
        Out f = b.op("Convert", "dw_f", data("destination_type", "f32"), List.of(q), 4, 1, 3, 3);
        Out zp = b.op("Subtract", "dw_zp", data("auto_broadcast", "numpy"), List.of(f, b.f32("zero_point", 4, 1, 1, 1)), 4, 1, 3, 3);
        Out sc = b.op("Multiply", "dw_scale", data("auto_broadcast", "numpy"), List.of(zp, b.f32("scale", 4, 1, 1, 1)), 4, 1, 3, 3);
        Out grouped = b.op("Reshape", "dw_w", data("special_zero", "false"), List.of(sc, b.i64("dw_shape", 4, 1, 1, 3, 3)),
                4, 1, 1, 3, 3);
        Out dw = b.op("GroupConvolution", "dw", data("strides", "1,1", "dilations", "1,1", "pads_begin", "1,1",
                "pads_end", "1,1", "auto_pad", "explicit"), List.of(in, grouped), 1, 4, 5, 5);
        Out fq = b.op("FakeQuantize", "fq", data("levels", "256", "auto_broadcast", "numpy"), List.of(dw, b.f32("il"),
                b.f32("ih"), b.f32("ol"), b.f32("oh")), 1, 4, 5, 5);
        b.result("fq/sink", fq);
        return b.xml();
    }

    /** Dynamic batch and spatial dims (ranges, ?), a MatMul on a 1-D vector. */
    private static String dynamic(IrBuilder.Weights w) {
        String xml;
        IrBuilder b = new IrBuilder("dynamic", w);
        Out in = b.parameter("data", 7, 6);
        Out mm = b.op("MatMul", "mm", data("transpose_a", "false", "transpose_b", "false"), List.of(in, b.f32("v", 6)), 7);
        Out sig = b.op("Sigmoid", "sig", Map.of(), List.of(mm), 7);
        Out red = b.op("ReduceMean", "mean", data("keep_dims", "true"), List.of(sig, b.i64("axes", 0)), 1);
        b.result("mean/sink", red);
        xml = b.xml();
        // the batch becomes dynamic: '?' in the Parameter's shape attribute, -1 and a range in the ports
        return xml.replace("shape=\"7,6\"", "shape=\"?,6\"").replace("<dim>7</dim><dim>6</dim>", "<dim>-1</dim><dim>6</dim>")
                .replace("<dim>7</dim>", "<dim>1..16</dim>");
    }

    /** AvgPool with ceil_torch, Concat on a negative axis, Transpose with an empty order, Squeeze without axes. */
    private static String ceilPoolConcat(IrBuilder.Weights w) {
        IrBuilder b = new IrBuilder("pools", w);
        Out in = b.parameter("data", 1, 2, 5, 5);
        Out avg = b.op("AvgPool", "avg", data("strides", "2,2", "pads_begin", "1,1", "pads_end", "1,1", "kernel", "2,2",
                "rounding_type", "ceil_torch", "auto_pad", "explicit", "exclude-pad", "false"), List.of(in), 1, 2, 3, 3);
        Out max = b.op("MaxPool", "max", data("strides", "2,2", "pads_begin", "0,0", "pads_end", "0,0", "kernel", "3,3",
                "rounding_type", "floor", "auto_pad", "same_upper"), List.of(in), 1, 2, 3, 3);
        Out cat = b.op("Concat", "cat", data("axis", "-3"), List.of(avg, max), 1, 4, 3, 3);
        Out rev = b.op("Transpose", "rev", Map.of(), List.of(cat, b.i64("no_order")), 3, 3, 4, 1);
        Out sq = b.op("Squeeze", "sq", Map.of(), List.of(rev), 3, 3, 4);
        b.result("sq/sink", sq);
        return b.xml();
    }

    private static byte[] bytes(int n, int step) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * step - 100);
        }
        return b;
    }

    /** Rewrites the seed files under {@link #RESOURCES} (run from the module folder). */
    public static void main(String[] args) throws IOException {
        Path xmlDir = Files.createDirectories(RESOURCES.resolve("xml"));
        Path binDir = Files.createDirectories(RESOURCES.resolve("bin"));
        for (Map.Entry<String, String> e : xmlSeeds().entrySet()) {
            Files.writeString(xmlDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, byte[]> e : binSeeds().entrySet()) {
            Files.write(binDir.resolve(e.getKey()), e.getValue());
        }
    }
}
