package com.example.pot4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Samples from a CSV file: each non-blank line is one sample of comma-separated numbers, reshaped to {@code shape};
 * with a label column, that column is the sample's Integer annotation.
 */
public final class CsvDataLoader implements DataLoader {
    private final Path file;
    private final List<Tensor> samples = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    /**
     * Reads the whole file.
     *
     * @throws DataException naming the file and line of a value that is not a number or a row of the wrong length
     */
    public CsvDataLoader(Path file, Shape shape, int labelColumn) {
        this.file = file;
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        long expected = shape.elementCount() + (labelColumn >= 0 ? 1 : 0);
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = lines.get(n).split(",");
            if (cells.length != expected) {
                throw new DataException(file + ":" + (n + 1) + ": " + cells.length + " values, expected " + expected);
            }
            float[] values = new float[(int) shape.elementCount()];
            int k = 0;
            for (int c = 0; c < cells.length; c++) {
                try {
                    if (c == labelColumn) {
                        labels.add(Integer.parseInt(cells[c].trim()));
                    } else {
                        values[k++] = Float.parseFloat(cells[c].trim());
                    }
                } catch (NumberFormatException e) {
                    throw new DataException(file + ":" + (n + 1) + ": column " + (c + 1) + " is not a number: '"
                            + cells[c].trim() + "'", e);
                }
            }
            samples.add(Tensor.ofFloats(shape, values));
        }
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public DataItem get(int index) {
        if (index < 0 || index >= samples.size()) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + samples.size() + " in " + file);
        }
        return DataItem.of(samples.get(index), labels.isEmpty() ? null : labels.get(index));
    }

    @Override
    public String description() {
        return "CSV " + file;
    }
}
