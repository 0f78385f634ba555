package org.pot4j.data.image;

/** The channel order of a 3-channel sample: BGR as OpenCV decodes and POT feeds, or RGB. */
public enum ColorOrder {
    BGR,
    RGB
}
