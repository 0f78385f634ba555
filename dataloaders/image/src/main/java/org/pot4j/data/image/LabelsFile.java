package org.pot4j.data.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.error.DataException;

/**
 * A tab-separated labels file: one line per image, {@code index<TAB>...<TAB>file name}, as
 * {@code imagenet-samples/labels.tsv} ({@code 0	n01440764	tench	n01440764_tench.JPEG}). The first column is the
 * class index, the last the image's file name; columns between are ignored.
 */
final class LabelsFile {
    private final Path file;
    private final Map<String, Integer> labelByName;

    private LabelsFile(Path file, Map<String, Integer> labelByName) {
        this.file = file;
        this.labelByName = labelByName;
    }

    static LabelsFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the labels file: " + e, e);
        }
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            String[] cols = line.split("\t");
            if (cols.length < 2) {
                throw new DataException(where + ": expected 'index<TAB>...<TAB>file name', got '" + line + "'");
            }
            int label;
            try {
                label = Integer.parseInt(cols[0].strip());
            } catch (NumberFormatException e) {
                throw new DataException(where + ": the first column must be an integer class index, got '" + cols[0] + "'");
            }
            String name = cols[cols.length - 1].strip();
            Integer previous = labels.put(name, label);
            if (previous != null) {
                throw new DataException(where + ": '" + name + "' is listed twice");
            }
        }
        if (labels.isEmpty()) {
            throw new DataException(file + ": the labels file has no entries");
        }
        return new LabelsFile(file, labels);
    }

    Path file() {
        return file;
    }

    /** The label of the image with this file name (the last path component). */
    Optional<Integer> labelOf(Path image) {
        return Optional.ofNullable(labelByName.get(image.getFileName().toString()));
    }
}
