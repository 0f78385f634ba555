package com.example.pot4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.TemporaryFiles;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

/**
 * An algorithm that changes nothing and reports: the range of every float tensor over the calibration samples, as a
 * tab-separated file ({@code port, min, max}). It shows how an algorithm asks for statistics and reads them back.
 */
public final class RangeReport implements Algorithm {
    private final Path output;
    private final int subsetSize;

    RangeReport(Path output, int subsetSize) {
        this.output = output;
        this.subsetSize = subsetSize;
    }

    @Override
    public String name() {
        return RangeReportFactory.NAME;
    }

    @Override
    public StatisticsPlan statistics(Model model) {
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        for (Node n : model.graph().nodes()) {
            if (!n.isConstant() && !OpKinds.RESULT.equals(n.kind()) && !n.outputs().isEmpty()
                    && n.output(0).elementType().isFloatingPoint()) {
                b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MIN));
                b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MAX));
            }
        }
        return new StatisticsPlan(b.build(), subsetSize, 1);
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        StringBuilder tsv = new StringBuilder("port\tmin\tmax\n");
        statistics.asMap().forEach((port, values) -> {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (var e : values.entrySet()) {
                double v = e.getValue().getFloat(0);
                if (e.getKey().startsWith("min")) {
                    min = v;
                } else {
                    max = v;
                }
            }
            tsv.append(port).append('\t').append(String.format(Locale.ROOT, "%g\t%g%n", min, max));
        });
        try {
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = TemporaryFiles.beside(dir, output.getFileName().toString(), ".tmp");
            Files.writeString(tmp, tsv);
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the range report " + output, e);
        }
        return model.copy();
    }
}
