package org.pot4j.conformance;

import java.util.Objects;

/**
 * What running one node case gave.
 *
 * @param caseName the case folder name
 * @param op       the ONNX op the case tests
 * @param status   the verdict
 * @param detail   why (the first mismatch, the exception message, the unsupported op); empty when it passed
 */
record CaseOutcome(String caseName, String op, Status status, String detail) {
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
    }
}
