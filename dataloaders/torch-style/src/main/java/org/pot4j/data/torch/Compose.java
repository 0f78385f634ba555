package org.pot4j.data.torch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Transforms applied one after another, as {@code torchvision.transforms.Compose}, typed end to end:
 * {@code Compose.of(Resize.shorterSide(256)).then(CenterCrop.of(224)).then(new ToTensor()).then(Normalize.imagenet())}
 * is a {@code Transform<Image, Tensor>}.
 */
public final class Compose<I, O> implements Transform<I, O> {
    private final List<Transform<Object, Object>> steps;

    private Compose(List<Transform<Object, Object>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A composition starting with {@code first}. */
    @SuppressWarnings("unchecked")
    public static <I, O> Compose<I, O> of(Transform<I, O> first) {
        return new Compose<>(List.of((Transform<Object, Object>) Objects.requireNonNull(first, "first")));
    }

    /** This composition followed by {@code next}. */
    @SuppressWarnings("unchecked")
    public <R> Compose<I, R> then(Transform<? super O, R> next) {
        List<Transform<Object, Object>> all = new ArrayList<>(steps);
        all.add((Transform<Object, Object>) Objects.requireNonNull(next, "next"));
        return new Compose<>(all);
    }

    /** The steps, in order. */
    public List<Transform<?, ?>> steps() {
        return List.copyOf(steps);
    }

    @Override
    @SuppressWarnings("unchecked")
    public O apply(I input) {
        Object value = input;
        for (Transform<Object, Object> step : steps) {
            value = step.apply(value);
        }
        return (O) value;
    }

    @Override
    public String toString() {
        return "Compose" + steps;
    }
}
