package org.pot4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * The "recorded inputs folded" variant of a case the ONNX view cannot read: node cases feed Slice bounds, Pad pads,
 * Clip limits, Resize scales, Squeeze/Unsqueeze axes... as graph inputs, while the view (like OpenVINO's conversion)
 * wants them constant. Folding the recorded {@code input_N.pb} of exactly those inputs into initializers exercises the
 * kernels behind them; the report counts such runs separately, since they test less than the plain case.
 *
 * <p>Only inputs read at a shape-like position are folded, and only when integer-typed; the float exceptions are
 * Clip's min/max, Resize's roi/scales, Upsample's scales and Pad's constant value. An input that also feeds a data
 * position stays an input.
 */
final class RecordedInputFolding {
    /** Per op type: the input positions that take shape-like values. */
    private static final Map<String, Set<Integer>> SHAPE_LIKE = Map.ofEntries(
            Map.entry("Slice", Set.of(1, 2, 3, 4)),
            Map.entry("Pad", Set.of(1, 2, 3)),
            Map.entry("Clip", Set.of(1, 2)),
            Map.entry("Resize", Set.of(1, 2, 3)),
            Map.entry("Upsample", Set.of(1)),
            Map.entry("Squeeze", Set.of(1)),
            Map.entry("Unsqueeze", Set.of(1)),
            Map.entry("Reshape", Set.of(1)),
            Map.entry("Expand", Set.of(1)),
            Map.entry("Split", Set.of(1)),
            Map.entry("ReduceSum", Set.of(1)),
            Map.entry("ConstantOfShape", Set.of(0)));

    /** Positions where a float value is folded too: limits, scales, a pad value. */
    private static final Map<String, Set<Integer>> FLOAT_ALLOWED = Map.of(
            "Clip", Set.of(1, 2),
            "Resize", Set.of(1, 2),
            "Upsample", Set.of(1),
            "Pad", Set.of(2));

    private static final Set<Integer> INTEGER_TYPES = Set.of(
            TensorProto.DataType.INT8_VALUE, TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.INT16_VALUE,
            TensorProto.DataType.UINT16_VALUE, TensorProto.DataType.INT32_VALUE, TensorProto.DataType.UINT32_VALUE,
            TensorProto.DataType.INT64_VALUE, TensorProto.DataType.UINT64_VALUE);

    private RecordedInputFolding() {
    }

    /**
     * A folded model.
     *
     * @param model  the rewritten model file
     * @param folded the graph inputs that became initializers
     */
    record Folded(Path model, Set<String> folded) {
    }

    /**
     * Writes {@code c}'s model with its shape-like recorded inputs as initializers into {@code dir}; empty when the
     * case has no such input.
     */
    static Optional<Folded> fold(OnnxNodeCase c, Path dir) {
        ModelProto model = read(c.model());
        GraphProto graph = model.getGraph();
        List<String> names = OnnxCaseRunner.feedNames(graph);
        if (names.size() != c.inputs().size()) {
            return Optional.empty();
        }
        Set<String> shapeLike = new HashSet<>();
        Set<String> data = new HashSet<>();
        Set<String> floatAllowed = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            Set<Integer> positions = SHAPE_LIKE.getOrDefault(n.getOpType(), Set.of());
            Set<Integer> floats = FLOAT_ALLOWED.getOrDefault(n.getOpType(), Set.of());
            for (int i = 0; i < n.getInputCount(); i++) {
                String in = n.getInput(i);
                if (in.isEmpty()) {
                    continue;
                }
                if (positions.contains(i)) {
                    shapeLike.add(in);
                    if (floats.contains(i)) {
                        floatAllowed.add(in);
                    }
                } else {
                    data.add(in);
                }
            }
        }
        GraphProto.Builder g = graph.toBuilder();
        Set<String> folded = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!shapeLike.contains(name) || data.contains(name)) {
                continue;
            }
            TensorProto recorded = OnnxNodeCase.readTensor(c.inputs().get(i));
            if (!INTEGER_TYPES.contains(recorded.getDataType()) && !floatAllowed.contains(name)) {
                continue;
            }
            g.addInitializer(recorded.toBuilder().setName(name));
            folded.add(name);
        }
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        // IR 4+ lets initializers stay out of the input list: the engine then does not ask for them
        List<ValueInfoProto> remaining = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!folded.contains(v.getName())) {
                remaining.add(v);
            }
        }
        g.clearInput().addAllInput(remaining);
        ModelProto.Builder m = model.toBuilder().setGraph(g);
        if (m.getIrVersion() < 4) {
            m.setIrVersion(4);
        }
        Path file = dir.resolve(c.name() + ".folded.onnx");
        write(m.build(), file);
        return Optional.of(new Folded(file, folded));
    }

    private static ModelProto read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(ModelProto model, Path file) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the folded model " + file, e);
        }
    }
}
