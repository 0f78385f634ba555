package org.pot4j.quantization;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The convolutions ActivationChannelAlignment edited, by model (or cascade stage) name: POT flags them
 * {@code need_rescale}, and MinMaxQuantization's saturation fix (§8.6) rescales their weights too. Shared by the two
 * steps one factory call creates; each new alignment of a model replaces that model's record.
 */
public final class AlignedConvolutions {
    private final Map<String, Set<String>> byModel = new ConcurrentHashMap<>();

    void record(String model, Set<String> convolutions) {
        byModel.put(model, Set.copyOf(convolutions));
    }

    /** The aligned convolutions of {@code model}; empty when none. */
    public Set<String> of(String model) {
        return byModel.getOrDefault(model, Set.of());
    }
}
