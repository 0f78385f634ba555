package org.pot4j.data.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.pot4j.api.error.DataException;

/**
 * Decodes, crops and resizes one image with OpenCV exactly as POT's simplified loader does: {@code imread} in colour
 * (gray files are expanded to 3 equal channels) or grayscale, an optional central crop, then {@code cv2.resize}.
 * Four channels (a pot4j addition) decode with {@code IMREAD_UNCHANGED}: BGRA as stored, files without alpha get an
 * opaque one, 16-bit files are scaled to 8 bits.
 * It also gives {@link ImageTensors} the pixels of a Mat and resizes a BufferedImage's pixels for it.
 * Referencing this class is what loads OpenCV's natives, so only sample loading (and ImageTensors' Mat and resizing
 * methods) touches it.
 */
final class CvImageDecoder {
    private CvImageDecoder() {
    }

    /**
     * @param encoded         the file contents
     * @param channels        1 for grayscale decoding, 3 for BGR, 4 for BGRA
     * @param centralFraction fraction of each side kept by the central crop (1 = none)
     * @param height          resize target rows, or 0 to keep the cropped size
     * @param width           resize target columns, or 0 to keep the cropped size
     * @param file            the file name, for error messages
     */
    static DecodedImage decode(byte[] encoded, int channels, double centralFraction, int height, int width,
            Interpolation interpolation, String file) {
        // Every native object made in the scope is freed when it closes, so samples never pile up native memory.
        try (PointerScope scope = new PointerScope()) {
            // without the colour profile libpng has nothing to warn about on stderr; a grayscale decode keeps it, since
            // libpng converts colour to gray in the profile's colour space (the pixels would change)
            byte[] bytes = channels == 1 ? encoded : PngColorProfile.strip(encoded);
            Mat buffer = new Mat(1, bytes.length, CV_8UC1, new BytePointer(bytes));
            Mat image = imdecode(buffer, channels == 1 ? IMREAD_GRAYSCALE : channels == 3 ? IMREAD_COLOR : IMREAD_UNCHANGED);
            if (image == null || image.empty()) {
                throw new DataException(file + ": OpenCV cannot decode the image");
            }
            if (channels == 4) {
                image = toBgra(image, file);
            }
            int originalHeight = image.rows();
            int originalWidth = image.cols();
            if (centralFraction < 1) {
                image = centralCrop(image, centralFraction);
            }
            if (height > 0) {
                image = resized(image, height, width, interpolation);
            }
            return pixels(image, originalHeight, originalWidth);
        } catch (RuntimeException e) {
            if (e instanceof DataException) {
                throw e;
            }
            throw new DataException(file + ": OpenCV failed on the image: " + e.getMessage(), e);
        }
    }

    /**
     * The pixels of an 8-bit Mat with 1, 3 or 4 channels, continuous or not (a region of a larger Mat).
     *
     * @throws IllegalArgumentException naming the type for an empty Mat, one of more than 2 dimensions, or one of
     *                                  another depth or channel count
     */
    static DecodedImage pixelsOf(Mat mat) {
        Objects.requireNonNull(mat, "mat");
        if (mat.isNull() || mat.empty()) {
            throw new IllegalArgumentException("the Mat is empty");
        }
        if (mat.dims() != 2) {
            throw new IllegalArgumentException("a Mat of " + mat.dims() + " dimensions; images are 2-dimensional");
        }
        int c = mat.channels();
        if (mat.depth() != CV_8U || (c != 1 && c != 3 && c != 4)) {
            throw new IllegalArgumentException("a Mat of type " + typeName(mat.depth(), c)
                    + "; images are CV_8UC1, CV_8UC3 or CV_8UC4");
        }
        try (PointerScope scope = new PointerScope()) {
            return pixels(mat, mat.rows(), mat.cols());
        }
    }

    /** {@code image} resized with OpenCV as the loader resizes, in a Mat of its own freed before returning. */
    static DecodedImage resized(DecodedImage image, int height, int width, Interpolation interpolation) {
        try (PointerScope scope = new PointerScope()) {
            Mat source = new Mat(image.height(), image.width(), CV_8UC(image.channels()), new BytePointer(image.pixels()));
            return pixels(resized(source, height, width, interpolation), image.originalHeight(), image.originalWidth());
        }
    }

    /** {@code image} resized to {@code height x width} with {@code cv::resize}, or itself when it has that size. */
    private static Mat resized(Mat image, int height, int width, Interpolation interpolation) {
        if (image.rows() == height && image.cols() == width) {
            return image;
        }
        Mat resized = new Mat();
        resize(image, resized, new Size(width, height), 0, 0, interpolation.cvFlag());
        return resized;
    }

    /** Copies the pixels of an 8-bit Mat (a continuous copy first when it is a region of a larger one). */
    private static DecodedImage pixels(Mat image, int originalHeight, int originalWidth) {
        if (!image.isContinuous()) {
            image = image.clone();
        }
        byte[] pixels = new byte[image.rows() * image.cols() * image.channels()];
        image.data().get(pixels);
        return new DecodedImage(image.rows(), image.cols(), image.channels(), pixels, originalHeight, originalWidth);
    }

    /** OpenCV's name of a Mat type, as {@code CV_32FC3}. */
    private static String typeName(int depth, int channels) {
        String[] depths = {"CV_8U", "CV_8S", "CV_16U", "CV_16S", "CV_32S", "CV_32F", "CV_64F", "CV_16F"};
        return (depth >= 0 && depth < depths.length ? depths[depth] : "depth " + depth) + "C" + channels;
    }

    /** The image as 8-bit BGRA: alpha kept when the file has it, opaque otherwise. */
    private static Mat toBgra(Mat image, String file) {
        if (image.depth() != CV_8U) {
            if (image.depth() != CV_16U) {
                throw new DataException(file + ": 4-channel input: pixel depth " + image.depth()
                        + " is neither 8 nor 16 bits; convert the images or give .npy arrays");
            }
            Mat eight = new Mat();
            image.convertTo(eight, CV_8U, 1 / 257.0, 0);
            image = eight;
        }
        if (image.channels() == 4) {
            return image;
        }
        if (image.channels() != 1 && image.channels() != 3) {
            throw new DataException(file + ": " + image.channels() + " channels in the file; a 4-channel input takes"
                    + " gray, BGR or BGRA images");
        }
        Mat bgra = new Mat();
        cvtColor(image, bgra, image.channels() == 1 ? COLOR_GRAY2BGRA : COLOR_BGR2BGRA);
        return bgra;
    }

    /** POT's crop: keep {@code int(side * fraction)} pixels of each side, starting at {@code (side - kept) // 2}. */
    private static Mat centralCrop(Mat image, double fraction) {
        int h = image.rows();
        int w = image.cols();
        int dstH = Math.max(1, (int) (h * fraction));
        int dstW = Math.max(1, (int) (w * fraction));
        return new Mat(image, new Rect((w - dstW) / 2, (h - dstH) / 2, dstW, dstH));
    }
}
