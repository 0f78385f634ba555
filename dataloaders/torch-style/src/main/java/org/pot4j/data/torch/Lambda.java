package org.pot4j.data.torch;

import java.util.Objects;
import java.util.function.Function;

/** A user function as a transform, as {@code torchvision.transforms.Lambda}; it must be thread-safe. */
public final class Lambda<I, O> implements Transform<I, O> {
    private final Function<? super I, ? extends O> function;
    private final String name;

    public Lambda(Function<? super I, ? extends O> function) {
        this(function, "Lambda");
    }

    /** A named function, so that {@link Compose#toString()} says what it does. */
    public Lambda(Function<? super I, ? extends O> function, String name) {
        this.function = Objects.requireNonNull(function, "function");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public O apply(I input) {
        return function.apply(input);
    }

    @Override
    public String toString() {
        return name;
    }
}
