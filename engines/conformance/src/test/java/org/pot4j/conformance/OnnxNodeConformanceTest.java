package org.pot4j.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.testkit.TestPluginContext;

/**
 * One dynamic test per ONNX node case: passes when the outputs match, is skipped (aborted, with the reason) when the
 * engine refuses the model or the case is on the known-failures list, fails otherwise. After all cases the per-op
 * summary is printed and written to {@code target/onnx-conformance.md}; entries of the list that no longer fail are reported.
 */
class OnnxNodeConformanceTest {
    static final String REPORT_PROPERTY = "pot4j.conformance.report";
    static final String COMMAND = "mvn -q -f engines/conformance/pom.xml verify";

    private static KnownFailures known;
    private static ConformanceSummary summary;
    private static OnnxCaseRunner runner;

    @BeforeAll
    static void setUp() {
        known = KnownFailures.load();
        summary = new ConformanceSummary(known);
        runner = new OnnxCaseRunner(new TestPluginContext());
    }

    @TestFactory
    Stream<DynamicTest> nodeCases() {
        Path folder = OnnxNodeTestData.folder().orElse(null);
        if (folder == null) {
            // one visibly skipped test carrying the reason, rather than an empty, silent run
            String why = "ONNX node test data not found at "
                    + System.getProperty(OnnxNodeTestData.PROPERTY, OnnxNodeTestData.DEFAULT_FOLDER)
                    + ": install it with 'apt-get install libonnx-testdata' or set -D" + OnnxNodeTestData.PROPERTY;
            return Stream.of(DynamicTest.dynamicTest("ONNX node test data", () -> Assumptions.assumeTrue(false, why)));
        }
        List<OnnxNodeCase> cases = OnnxNodeTestData.cases(folder);
        Map<OnnxNodeCase, OnnxCaseModel> models = new LinkedHashMap<>();
        cases.forEach(c -> models.put(c, OnnxCaseModel.read(c.model())));
        Set<String> singleOps = models.values().stream().filter(m -> m.opTypes().size() == 1)
                .map(m -> m.opTypes().iterator().next()).collect(Collectors.toCollection(TreeSet::new));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), c.model().toUri(), () -> {
            OnnxCaseModel model = models.get(c);
            CaseOutcome outcome = runner.run(c, model, model.testedOp(c.name(), singleOps));
            summary.add(outcome);
            verdict(outcome);
        }));
    }

    private static void verdict(CaseOutcome o) {
        switch (o.status()) {
            case PASSED:
                known.reason(o.caseName()).ifPresent(r -> {
                    throw new TestAbortedException(o.caseName() + " passes now: remove it from known-failures.txt");
                });
                return;
            case UNSUPPORTED:
            case UNREADABLE:
                throw new TestAbortedException(o.status().name().toLowerCase() + ": " + o.detail());
            default:
                String reason = known.reason(o.caseName()).orElse(null);
                if (reason != null) {
                    throw new TestAbortedException("known failure (" + reason + "): " + o.detail());
                }
                fail(o.caseName() + " (" + o.op() + "): " + o.detail());
        }
    }

    @AfterAll
    static void report() {
        if (runner != null) {
            runner.close();
        }
        if (summary == null || summary.outcomes().isEmpty()) {
            return;
        }
        String md = summary.markdown(KernelRegistry.standard().kinds(), COMMAND);
        System.out.println(md);
        Path file = Path.of(System.getProperty(REPORT_PROPERTY, "target/onnx-conformance.md"));
        ConformanceSummary.write(file, md);
        System.out.println("ONNX conformance report written to " + file.toAbsolutePath());
        // Reported, not fatal: another change making a listed case pass must not break the build, only ask for a
        // shorter list.
        summary.staleKnownFailures().forEach((name, why) ->
                System.out.println("known-failures.txt: " + name + " " + why + "; remove it from the list"));
    }
}
