package org.pot4j.quantization;

import java.util.List;
import java.util.Set;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.quantization.alignment.AlignmentPair;
import org.pot4j.quantization.alignment.ChannelAlignment;
import org.pot4j.quantization.placement.GraphFacts;

/**
 * The first step of POT's DefaultQuantization (POT_SPEC §1 steps 1-2, §7): aligns the activation channels between
 * linear convolution chains on their own statistics pass, before MinMaxQuantization collects its statistics on the
 * aligned model. A model without such chains passes through unchanged, without a statistics pass. The convolutions
 * it edits are recorded in {@link AlignedConvolutions} for the saturation fix.
 */
public final class ActivationChannelAlignment implements Algorithm {
    public static final String NAME = "ActivationChannelAlignment";
    private static final System.Logger LOG = System.getLogger(ActivationChannelAlignment.class.getName());

    private final DefaultQuantizationParameters params;
    private final AlignedConvolutions aligned;

    public ActivationChannelAlignment(DefaultQuantizationParameters params, AlignedConvolutions aligned) {
        this.params = params;
        this.aligned = aligned;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Batch normalizations folded first, as for DefaultQuantization: the chains to align are between the folded ops. */
    @Override
    public Model prepare(Model model) {
        return BatchNormFolding.prepare(model, DefaultQuantization.NAME);
    }

    @Override
    public StatisticsPlan statistics(Model model) {
        List<AlignmentPair> pairs = ChannelAlignment.pairs(new GraphFacts(model.graph()));
        if (pairs.isEmpty()) {
            return StatisticsPlan.NONE;
        }
        StatisticsRequest.Builder request = StatisticsRequest.builder();
        ChannelAlignment.request(pairs, request);
        return new StatisticsPlan(request.build(), params.statSubsetSize(), params.statBatchSize(),
                params.shuffleSeed());
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        List<AlignmentPair> pairs = ChannelAlignment.pairs(new GraphFacts(model.graph()));
        if (pairs.isEmpty()) {
            return model;
        }
        Model copy = model.copy();
        QuantizationEditor editor = copy.extension(QuantizationEditor.class).orElseThrow(() -> new AlgorithmException(
                NAME + ": models of format '" + model.format() + "' cannot be edited (no QuantizationEditor)"));
        Set<String> rescale = ChannelAlignment.apply(pairs, model.graph(), statistics, editor);
        aligned.record(model.name(), rescale);
        LOG.log(System.Logger.Level.INFO, "{0}: {1} convolution pairs aligned", NAME, pairs.size());
        return copy;
    }
}
