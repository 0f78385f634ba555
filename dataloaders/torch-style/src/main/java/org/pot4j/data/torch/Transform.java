package org.pot4j.data.torch;

/**
 * One preprocessing step, as a torchvision transform: a pure function from one sample to another. Transforms must
 * be stateless (or thread-safe) so that parallel workers give the same results as one thread.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface Transform<I, O> {
    O apply(I input);

    /** This transform followed by {@code next}. */
    default <R> Transform<I, R> andThen(Transform<? super O, ? extends R> next) {
        return input -> next.apply(apply(input));
    }
}
