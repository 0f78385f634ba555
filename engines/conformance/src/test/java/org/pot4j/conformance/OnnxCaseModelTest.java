package org.pot4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;

class OnnxCaseModelTest {
    private static final Set<String> SINGLE_OPS = Set.of("Max", "MaxPool", "ReduceL1", "Cast", "CastLike", "Softmax");

    private static OnnxCaseModel of(String... ops) {
        return new OnnxCaseModel(GraphProto.getDefaultInstance(), new LinkedHashSet<>(List.of(ops)));
    }

    @Test
    void aOneOpModelTestsItsOp() {
        assertEquals("MaxPool", of("MaxPool").testedOp("test_maxpool_2d_default", SINGLE_OPS));
    }

    @Test
    void anExpandedBodyTestsTheOpItsNameSpellsLongestPrefixFirst() {
        assertEquals("CastLike", of("Cast").testedOp("test_castlike_FLOAT_to_DOUBLE_expanded", SINGLE_OPS));
        assertEquals("ReduceL1", of("Abs", "ReduceSum").testedOp("test_reduce_l1_do_not_keepdims_example_expanded",
                SINGLE_OPS));
        assertEquals("Softmax", of("ReduceMax", "Sub", "Exp").testedOp("test_softmax_axis_0_expanded", SINGLE_OPS));
    }

    @Test
    void abbreviatedNamesAndUnnamedModels() {
        assertEquals("NegativeLogLikelihoodLoss", of("Unsqueeze", "Gather").testedOp("test_nllloss_NC_expanded",
                SINGLE_OPS));
        assertEquals(OnnxCaseModel.UNATTRIBUTED, of("Add", "Mul").testedOp("test_something_else", SINGLE_OPS));
    }
}
