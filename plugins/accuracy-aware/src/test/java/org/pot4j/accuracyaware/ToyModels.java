package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written stand-in for the models of {@link GreedyScopeSearch}: single-op groups {@code fq_x} reverting op
 * {@code x}, and tables of metric values by reverted set, as in the spec's worked examples (§6). Every evaluation is
 * recorded so a test can check the sequence of calls.
 */
final class ToyModels implements GreedyScopeSearch.Models<ToyModels.Toy> {
    /**
     * A model of the toy: its reverted ops and drops.
     *
     * @param reverted the ops in float, in the order they were reverted
     * @param drop     the drop per metric
     */
    record Toy(Set<String> reverted, Map<String, Double> drop) implements GreedyScopeSearch.Evaluated {
    }

    private final DropTargets targets;
    private final List<String> ops;
    private final Map<Set<String>, Map<String, Double>> full = new LinkedHashMap<>();
    private final Map<Set<String>, Map<String, Double>> ranking = new LinkedHashMap<>();
    /** The reverted sets evaluated on the full data set, in order. */
    final List<List<String>> fullEvaluations = new ArrayList<>();
    /** The ranking-subset evaluations, in order, as "{reverted} op metric". */
    final List<String> rankingEvaluations = new ArrayList<>();

    ToyModels(DropTargets targets, String... ops) {
        this.targets = targets;
        this.ops = List.of(ops);
    }

    /** Sets the full-data-set metric values of the model with {@code reverted} in float. */
    ToyModels full(Set<String> reverted, Map<String, Double> values) {
        full.put(reverted, values);
        return this;
    }

    /** Sets the ranking scores R(reverted, op) of each op's group reverted on top of {@code reverted}. */
    ToyModels ranking(Set<String> reverted, Map<String, Double> scoreByOp) {
        ranking.put(reverted, scoreByOp);
        return this;
    }

    /** {@return the toy's starting model: nothing reverted, the drop of {@code full(Set.of())}} */
    Toy start() {
        return new Toy(Set.of(), targets.drops(values(Set.of())));
    }

    @Override
    public List<QuantizerGroups.Group> groups(Toy model) {
        return ops.stream().map(op -> new QuantizerGroups.Group("fq_" + op, List.of("fq_" + op), List.of(op)))
                .toList();
    }

    @Override
    public Toy revert(Toy model, QuantizerGroups.Group group) {
        Set<String> reverted = new LinkedHashSet<>(model.reverted());
        reverted.addAll(group.ops());
        fullEvaluations.add(List.copyOf(reverted));
        return new Toy(reverted, targets.drops(values(reverted)));
    }

    @Override
    public int[] rankingSubset(Toy model, String metric) {
        return new int[] {0};
    }

    @Override
    public double rankingScore(Toy model, QuantizerGroups.Group group, int[] subset, String metric) {
        String op = group.ops().get(0);
        rankingEvaluations.add(model.reverted() + " " + op + " " + metric);
        Map<String, Double> scores = ranking.get(model.reverted());
        if (scores == null || !scores.containsKey(op)) {
            throw new AssertionError("the toy has no ranking score R(" + model.reverted() + ", " + op + ")");
        }
        return scores.get(op);
    }

    @Override
    public boolean fullyFloat(Toy model) {
        return model.reverted().containsAll(ops);
    }

    private Map<String, Double> values(Set<String> reverted) {
        Map<String, Double> v = full.get(reverted);
        if (v == null) {
            throw new AssertionError("the toy has no full-data-set value M(" + reverted + ")");
        }
        return v;
    }
}
