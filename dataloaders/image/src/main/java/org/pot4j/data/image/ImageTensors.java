package org.pot4j.data.image;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Turns an image a program already holds, a {@link BufferedImage} or an OpenCV {@link Mat}, into an f32 model input,
 * for users who write their own {@code DataLoader}.
 *
 * <pre>{@code
 * BufferedImage image = ImageIO.read(file);
 * Tensor sample = ImageTensors.of(image, ImageLayout.CHW);                  // [3,H,W], BGR, 0..255
 * DataItem item = DataItem.of(ImageTensors.of(image, ImageLayout.HWC, ColorOrder.RGB, 224, 224)); // [224,224,3]
 * Tensor input = ImageTensors.of(image, ImageLayout.NCHW);                  // [1,3,H,W]: a whole model input
 * }</pre>
 *
 * <p>Values are the 8-bit pixel values as floats, 0 to 255, without mean or scale. Channels come in the order asked,
 * BGR by default (as OpenCV decodes and POT's simplified mode feeds). {@link ImageLayout#NCHW} and
 * {@link ImageLayout#NHWC} give a batch axis of 1 ({@code [1,C,H,W]}, {@code [1,H,W,C]}); {@link ImageLayout#CHW} and
 * {@link ImageLayout#HWC} give none. The samples of a {@code DataLoader} carry no batch axis (pot4j stacks them on one
 * itself), so a loader's {@code DataItem} takes CHW or HWC tensors; N layouts are for feeding a model directly.
 * C is 1 for gray images, 3 for colour and 4 for images with alpha (BGRA, or RGBA with {@link ColorOrder#RGB}; the
 * colour order leaves gray and alpha alone).
 *
 * <p>A {@link BufferedImage} of any type is taken: gray, RGB and ARGB images of 8 or 16 bits per sample are read from
 * their raster as stored (no colour management, as OpenCV; 16-bit samples become {@code round(v / 257)}), every other
 * type (indexed, premultiplied, ...) through {@link BufferedImage#getRGB(int, int)}'s sRGB values. For a lossless file
 * (PNG, BMP) read with ImageIO the tensor equals the {@code image} loader's for the same file (plus the batch axis of
 * N layouts); JPEG decoders may differ by a few levels. Without resizing, this path never touches OpenCV, so it loads
 * no natives.
 *
 * <p>A {@link Mat} must be 8-bit with 1, 3 or 4 channels, which are taken as gray, BGR and BGRA as OpenCV decodes
 * them (for a Mat holding RGB, ask for {@link ColorOrder#RGB} to get BGR). It may be a region of a larger Mat.
 *
 * <p>The methods are safe to call from several threads and never keep the image.
 */
public final class ImageTensors {
    /** Mean 0 and scale 1 for up to 4 channels: the encoder then gives the pixel values unchanged. */
    private static final List<Double> NO_MEAN = Collections.nCopies(4, 0.0);
    private static final List<Double> NO_SCALE = Collections.nCopies(4, 1.0);

    private ImageTensors() {
    }

    /**
     * The pixels of a {@link BufferedImage} in BGR order (gray images as one channel).
     *
     * @param image  the image, of any type
     * @param layout the tensor layout; N layouts add a batch axis of 1
     * @return an f32 tensor of the image's size with values 0 to 255
     * @throws NullPointerException if an argument is null
     */
    public static Tensor of(BufferedImage image, ImageLayout layout) {
        return of(image, layout, ColorOrder.BGR);
    }

    /**
     * The pixels of a {@link BufferedImage} in the given channel order (gray images as one channel).
     *
     * @param image      the image, of any type
     * @param layout     the tensor layout; N layouts add a batch axis of 1
     * @param colorOrder BGR or RGB for the colour channels; alpha stays last
     * @return an f32 tensor of the image's size with values 0 to 255
     * @throws NullPointerException if an argument is null
     */
    public static Tensor of(BufferedImage image, ImageLayout layout, ColorOrder colorOrder) {
        checkArguments(image, layout, colorOrder);
        return encode(BufferedImagePixels.read(image), layout, colorOrder);
    }

    /**
     * The pixels of a {@link BufferedImage} resized as the {@code image} loader resizes, with OpenCV's
     * {@code cv::resize} and {@code INTER_LINEAR}; this loads OpenCV's natives on first use.
     *
     * @param image      the image, of any type
     * @param layout     the tensor layout; N layouts add a batch axis of 1
     * @param colorOrder BGR or RGB for the colour channels; alpha stays last
     * @param height     rows after resizing
     * @param width      columns after resizing
     * @return an f32 tensor of {@code height x width} pixels with values 0 to 255
     * @throws IllegalArgumentException if {@code height} or {@code width} is not positive
     * @throws NullPointerException     if an argument is null
     */
    public static Tensor of(BufferedImage image, ImageLayout layout, ColorOrder colorOrder, int height, int width) {
        checkArguments(image, layout, colorOrder);
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("resize target " + height + "x" + width + " must be positive");
        }
        DecodedImage pixels = BufferedImagePixels.read(image);
        return encode(CvImageDecoder.resized(pixels, height, width, Interpolation.LINEAR), layout, colorOrder);
    }

    /**
     * The pixels of an 8-bit OpenCV {@link Mat} (gray, BGR or BGRA) in BGR order.
     *
     * @param mat    a {@code CV_8UC1}, {@code CV_8UC3} or {@code CV_8UC4} image, continuous or not
     * @param layout the tensor layout; N layouts add a batch axis of 1
     * @return an f32 tensor of the Mat's size with values 0 to 255
     * @throws IllegalArgumentException naming the type if the Mat is empty, not 2-dimensional, not 8-bit or has 2 or
     *                                  more than 4 channels
     * @throws NullPointerException     if an argument is null
     */
    public static Tensor of(Mat mat, ImageLayout layout) {
        return of(mat, layout, ColorOrder.BGR);
    }

    /**
     * The pixels of an 8-bit OpenCV {@link Mat} (gray, BGR or BGRA) in the given channel order.
     *
     * @param mat        a {@code CV_8UC1}, {@code CV_8UC3} or {@code CV_8UC4} image, continuous or not
     * @param layout     the tensor layout; N layouts add a batch axis of 1
     * @param colorOrder BGR keeps the Mat's order, RGB swaps its first and third channels; alpha stays last
     * @return an f32 tensor of the Mat's size with values 0 to 255
     * @throws IllegalArgumentException naming the type if the Mat is empty, not 2-dimensional, not 8-bit or has 2 or
     *                                  more than 4 channels
     * @throws NullPointerException     if an argument is null
     */
    public static Tensor of(Mat mat, ImageLayout layout, ColorOrder colorOrder) {
        checkArguments(mat, layout, colorOrder);
        return encode(CvImageDecoder.pixelsOf(mat), layout, colorOrder);
    }

    /** Null checks before any work, so that a null layout fails before OpenCV is loaded. */
    private static void checkArguments(Object image, ImageLayout layout, ColorOrder colorOrder) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(colorOrder, "colorOrder");
    }

    /** The pixels laid out by the loader's encoder (mean 0, scale 1), with a batch axis of 1 for N layouts. */
    private static Tensor encode(DecodedImage pixels, ImageLayout layout, ColorOrder colorOrder) {
        Tensor sample = new ImageTensorEncoder(layout, colorOrder, NO_MEAN, NO_SCALE).encode(pixels);
        if (layout.rank() == 3) {
            return sample;
        }
        long[] dims = sample.shape().dims();
        long[] batched = new long[dims.length + 1];
        batched[0] = 1;
        System.arraycopy(dims, 0, batched, 1, dims.length);
        return sample.reshape(Shape.of(batched));
    }
}
