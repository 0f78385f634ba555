package org.pot4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;

/**
 * A case's model as parsed protobuf: the graph (input/output names in order) and the op types of its nodes.
 *
 * @param graph   the main graph
 * @param opTypes the distinct op types of its nodes, in node order
 */
record OnnxCaseModel(GraphProto graph, Set<String> opTypes) {
    /** Case-name prefixes ONNX abbreviates, with the op they test. */
    private static final Map<String, String> ABBREVIATIONS = Map.of(
            "nllloss", "NegativeLogLikelihoodLoss",
            "sce", "SoftmaxCrossEntropyLoss",
            "mvn", "MeanVarianceNormalization");

    /** The label of a multi-node case whose op cannot be told from its name. */
    static final String UNATTRIBUTED = "(multi-node, op not named)";

    OnnxCaseModel {
        opTypes = Set.copyOf(opTypes);
    }

    /** Parses {@code file}. */
    static OnnxCaseModel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            GraphProto graph = ModelProto.parseFrom(in).getGraph();
            Set<String> ops = new LinkedHashSet<>();
            for (NodeProto n : graph.getNodeList()) {
                ops.add(n.getOpType());
            }
            return new OnnxCaseModel(graph, ops);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The ONNX op a case tests. A one-op model tests that op, unless it is an {@code _expanded} function body
     * (CastLike expands to one Cast). Other models test the op whose name, lower-cased without underscores, is the longest prefix
     * of the case name after {@code test_} (or its {@link #ABBREVIATIONS abbreviation}); failing that, one label
     * {@link #UNATTRIBUTED} so no helper op's row counts them.
     *
     * @param singleOps the op types of every one-op case, the candidates
     */
    String testedOp(String caseName, Set<String> singleOps) {
        if (opTypes.size() == 1 && !caseName.contains("_expanded")) {
            return opTypes.iterator().next();
        }
        String bare = caseName.startsWith("test_") ? caseName.substring(5) : caseName;
        for (Map.Entry<String, String> a : ABBREVIATIONS.entrySet()) {
            if (bare.startsWith(a.getKey() + "_")) {
                return a.getValue();
            }
        }
        String key = squash(bare);
        String best = null;
        for (String op : singleOps) {
            String candidate = squash(op);
            if (key.startsWith(candidate) && (best == null || candidate.length() > squash(best).length())) {
                best = op;
            }
        }
        if (best != null) {
            return best;
        }
        return opTypes.size() == 1 ? opTypes.iterator().next() : UNATTRIBUTED;
    }

    private static String squash(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
