package org.pot4j.data.numpy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.data.DataItem;
import org.pot4j.core.config.ConfigValues;

/**
 * The validated configuration of the {@code numpy} loader.
 *
 * @param dataSource       a folder of {@code .npy}/{@code .npz} files (one sample each), or one such file
 * @param inputName        the input name of arrays read from {@code .npy} files ({@code .npz} entries are named by
 *                         their entry); {@link DataItem#UNNAMED} by default
 * @param annotationEntry  the {@code .npz} entry that is the sample's annotation instead of an input, if any
 * @param splitFirstAxis   for a single file: axis 0 of every array indexes the samples (a saved batch)
 */
public record NumpyLoaderConfig(Path dataSource, String inputName, Optional<String> annotationEntry, boolean splitFirstAxis) {
    static final String DATA_SOURCE = "data_source";
    static final String INPUT_NAME = "input_name";
    static final String ANNOTATION_ENTRY = "annotation_entry";
    static final String SPLIT_FIRST_AXIS = "split_first_axis";

    /** Every key {@link #fromMap} accepts. */
    public static final Set<String> KEYS = Set.of(DATA_SOURCE, INPUT_NAME, ANNOTATION_ENTRY, SPLIT_FIRST_AXIS);

    public NumpyLoaderConfig {
        Objects.requireNonNull(dataSource, DATA_SOURCE);
        Objects.requireNonNull(inputName, INPUT_NAME);
        Objects.requireNonNull(annotationEntry, ANNOTATION_ENTRY);
    }

    /**
     * Binds a plain configuration map.
     *
     * @throws org.pot4j.api.error.ConfigurationException naming the key for an unknown key, a missing
     *                                                    {@code data_source} or a bad value
     */
    public static NumpyLoaderConfig fromMap(Map<String, Object> config) {
        ConfigValues r = new ConfigValues(config, KEYS);
        return new NumpyLoaderConfig(Path.of(r.requireString(DATA_SOURCE)),
                r.optString(INPUT_NAME).orElse(DataItem.UNNAMED),
                r.optString(ANNOTATION_ENTRY),
                r.optBoolean(SPLIT_FIRST_AXIS).orElse(false));
    }
}
