package org.pot4j.examples.torchstyle;

import java.nio.file.Path;
import java.util.Objects;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.data.torch.Dataset;
import org.pot4j.data.torch.Image;
import org.pot4j.data.torch.ImageFolderDataset;
import org.pot4j.data.torch.Transform;

/**
 * The images of a folder as a map-style data set written the way a torchvision user writes one: a constructor taking
 * the root and a {@code transform}, {@link #size()} for {@code __len__}, and {@link #get(int)} for
 * {@code __getitem__}, returning the transformed image with a label parsed from the file name (the
 * {@code (image, target)} pair of torchvision's data sets).
 */
public final class CalibrationImages implements Dataset<CalibrationImages.Sample> {
    /**
     * One sample: the transformed image and its label.
     *
     * @param image the image after the transform
     * @param label the file name without its extension ({@code chelsea} for {@code chelsea.png})
     */
    public record Sample(Tensor image, String label) {
    }

    private final Path root;
    private final ImageFolderDataset files;
    private final Transform<Image, Tensor> transform;

    /**
     * Lists the image files of {@code root} (decoded on access, as PIL's {@code Image.open(f).convert("RGB")}).
     *
     * @param root      the folder; files other than images are skipped
     * @param transform applied to every decoded image
     * @throws org.pot4j.api.error.DataException naming the folder when it is missing or has no images
     */
    public CalibrationImages(Path root, Transform<Image, Tensor> transform) {
        this.root = Objects.requireNonNull(root, "root");
        this.files = ImageFolderDataset.open(root);
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    public int size() {
        return files.size();
    }

    /** @throws org.pot4j.api.error.DataException naming the file when it cannot be decoded */
    @Override
    public Sample get(int index) {
        return new Sample(transform.apply(files.get(index)), label(files.file(index)));
    }

    /** The file of sample {@code index}. */
    public Path file(int index) {
        return files.file(index);
    }

    private static String label(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Override
    public String toString() {
        return size() + " images in " + root + " through " + transform;
    }
}
