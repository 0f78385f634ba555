package org.pot4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.cli.run.InputShapes;
import org.pot4j.cli.run.SampleSource;
import picocli.CommandLine.Option;

/** Which data loader reads {@code --data}, its options, and the input shapes samples are made for. */
final class DataOptions {
    @Option(names = "--input-shape", paramLabel = "[NAME=]D0,D1,...",
            description = {"The shape an input is fed at, e.g. x=1,3,48,320 (repeatable; NAME= may be left out for a "
                    + "model with one input). Default: the model's own; its dynamic dimensions (?) must be given for "
                    + "images and random inputs, fixed ones must match. Images are resized to it."})
    List<String> inputShapes = new ArrayList<>();

    @Option(names = "--loader", paramLabel = "NAME",
            description = "The data loader reading --data (see 'pot4j plugins'): default numpy for a folder of "
                    + ".npy/.npz files (or one such file), image otherwise.")
    String loader;

    @Option(names = "--loader-option", paramLabel = "KEY=VALUE",
            description = "A data loader option (repeatable), e.g. annotation_entry=label or shape=[4] "
                    + "(numbers in brackets or separated by commas become a list).")
    Map<String, String> loaderOptions = new LinkedHashMap<>();

    /**
     * The sample source of a command.
     *
     * @param dataSource the resolved {@code --data}, or null
     * @throws org.pot4j.cli.run.BadCommandLineException for an {@code --input-shape} that cannot be parsed
     */
    SampleSource source(String dataSource, PreprocessingOptions preprocessing) {
        List<InputShapes.Given> shapes = new ArrayList<>();
        for (String s : inputShapes) {
            shapes.add(InputShapes.parse(s));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        loaderOptions.forEach((k, v) -> options.put(k, PlainValues.parseWithLists(v)));
        return new SampleSource(dataSource, Optional.ofNullable(loader), options, preprocessing.loaderConfig(),
                preprocessing.given(), shapes);
    }
}
