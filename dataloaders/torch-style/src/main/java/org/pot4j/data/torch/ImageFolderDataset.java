package org.pot4j.data.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.pot4j.api.error.DataException;

/**
 * The image files directly inside a folder (extensions {@code .jpg .jpeg .png .bmp .gif}, case-insensitive), sorted
 * by full path in String order, each decoded with {@code javax.imageio} to an 8-bit RGB {@link Image} on access.
 * Unlike torchvision's {@code ImageFolder} it has no class subfolders: calibration data needs no labels.
 */
public final class ImageFolderDataset implements Dataset<Image> {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");
    private final Path folder;
    private final List<Path> files;

    private ImageFolderDataset(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    /** @throws DataException naming the folder when it is missing or holds no image files */
    public static ImageFolderDataset open(Path folder) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + ": no such folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(ImageFolderDataset::isImage)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new DataException(folder + ": cannot list the folder: " + e, e);
        }
        if (files.isEmpty()) {
            throw new DataException(folder + ": no image files (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                    + ") in the folder");
        }
        return new ImageFolderDataset(folder, files);
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return files.size();
    }

    /** @throws DataException naming the file when it cannot be decoded or is truncated */
    @Override
    public Image get(int index) {
        return ImageIoDecoder.decode(files.get(Objects.checkIndex(index, files.size())));
    }

    /** The file of sample {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public String toString() {
        return "image folder " + folder + " (" + files.size() + " files)";
    }
}
