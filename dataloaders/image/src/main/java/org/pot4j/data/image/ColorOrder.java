package org.pot4j.data.image;

/** The order of the colour channels of a sample: BGR as OpenCV decodes and POT feeds, or RGB; alpha stays last. */
public enum ColorOrder {
    /** Blue, green, red: OpenCV's order and POT's default. */
    BGR,
    /** Red, green, blue. */
    RGB
}
