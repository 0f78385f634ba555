package org.pot4j.conformance;

import java.util.List;
import java.util.Objects;

/**
 * What running one node case gave.
 *
 * @param caseName the case folder name
 * @param op       the ONNX op the case tests
 * @param status   the verdict
 * @param detail   why (the first mismatch, the exception message, the unsupported op); empty when it passed
 * @param folded   the graph inputs whose recorded values were folded into initializers to run the case (see
 *                 {@link RecordedInputFolding}); empty for a plain run
 */
record CaseOutcome(String caseName, String op, Status status, String detail, List<String> folded) {
    /** The verdict on a case. */
    enum Status {
        /** Read, compiled, ran, and every output matched. */
        PASSED,
        /** Read and compiled, but an output differed or the run threw. */
        FAILED,
        /** The engine refused the model at compile time, or pot4j cannot hold the case's data type. */
        UNSUPPORTED,
        /** The ONNX plugin could not read the model (an op or attribute its view does not map). */
        UNREADABLE
    }

    CaseOutcome {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        folded = List.copyOf(folded);
    }

    /** The outcome of a plain run (nothing folded). */
    CaseOutcome(String caseName, String op, Status status, String detail) {
        this(caseName, op, status, detail, List.of());
    }

    /** True when the case ran with recorded inputs folded into initializers. */
    boolean isFolded() {
        return !folded.isEmpty();
    }
}
