/**
 * The {@code image} data loader: image folders, glob patterns and {@code .txt} lists decoded with OpenCV (JavaCPP),
 * centrally cropped, resized, laid out as {@code [C,H,W]} or {@code [H,W,C]} f32 samples with optional mean/scale and
 * labels, matching POT's simplified-mode image loading. Entry points: {@link org.pot4j.data.image.ImageLoaderPlugin}
 * and {@link org.pot4j.data.image.ImageDataLoader#open}; {@link org.pot4j.data.image.ImageTensors} turns images a
 * program already holds ({@code BufferedImage}, OpenCV {@code Mat}) into the same tensors for a loader of its own.
 */
package org.pot4j.data.image;
