/**
 * The {@code image} data loader: image folders, glob patterns and {@code .txt} lists decoded with OpenCV (JavaCPP),
 * centrally cropped, resized, laid out as {@code [C,H,W]} or {@code [H,W,C]} f32 samples with optional mean/scale and
 * labels, matching POT's simplified-mode image loading. Entry points: {@link org.pot4j.data.image.ImageLoaderPlugin}
 * and {@link org.pot4j.data.image.ImageDataLoader#open}.
 */
package org.pot4j.data.image;
