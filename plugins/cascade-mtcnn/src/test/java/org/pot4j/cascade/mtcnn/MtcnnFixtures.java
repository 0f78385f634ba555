package org.pot4j.cascade.mtcnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * The real MT-CNN models and face photos of the shared assets, and engines and loops over them; tests skip without
 * them.
 */
final class MtcnnFixtures {
    static final TestPluginContext CONTEXT = new TestPluginContext();

    private MtcnnFixtures() {
    }

    /** facenet-pytorch's P/R/O-Net: normal layout, dynamic batch. */
    static CascadeModel facenetCascade() {
        return cascade("mtcnn", "onnx/mtcnn/pnet.onnx", "onnx/mtcnn/rnet.onnx", "onnx/mtcnn/onet.onnx");
    }

    /** The Caffe originals: transposed input, batch 1. */
    static CascadeModel caffeCascade(String rnet) {
        return cascade("mtcnn-caffe", "onnx/mtcnn-caffe-transposed/optimaizer_pnet.onnx", rnet,
                "onnx/mtcnn-caffe-transposed/optimaizer_onet.onnx");
    }

    static CascadeModel cascade(String name, String pnet, String rnet, String onet) {
        List<Model> stages = new ArrayList<>();
        String[] names = {"pnet", "rnet", "onet"};
        String[] files = {pnet, rnet, onet};
        for (int i = 0; i < 3; i++) {
            Path file = TestAssets.require(files[i]);
            stages.add(new OnnxModelFormat().read(new ModelSource(file, Optional.empty(), names[i])));
        }
        return new CascadeModel(name, stages);
    }

    /** Whole RGB images (no resize) from a list of asset paths, through the image loader. */
    static DataLoader images(Path tempDir, String... assets) {
        List<String> lines = new ArrayList<>();
        for (String a : assets) {
            lines.add(TestAssets.require(a).toString());
        }
        try {
            Path list = Files.write(tempDir.resolve("images-" + System.nanoTime() + ".txt"), lines);
            return ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", list.toString(),
                    "color_order", "RGB", "layout", "CHW")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An mtcnn engine ({@link MtcnnEngineFactory}) whose stages run in {@code delegate}. */
    static CascadeEngine engine(String delegate, Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>(extra);
        config.put("delegate", delegate);
        if (delegate.equals("onnxruntime")) {
            config.put("delegate_options", Map.of("threads", 1));
        }
        return (CascadeEngine) new MtcnnEngineFactory().create(EngineSettings.cpu(config), CONTEXT);
    }

    /** The MT-CNN logic of an engine made by {@link #engine}. */
    static MtcnnCascade cascade(CascadeEngine engine) {
        return (MtcnnCascade) engine.cascade();
    }

    /** A loop running {@code engine} over {@code data}, updating {@code metric} when not null. */
    static InferenceLoop loop(CascadeEngine engine, DataLoader data, Metric metric) {
        InferenceLoop loop = InferenceLoop.of(engine, data);
        return metric == null ? loop : loop.withMetric(metric);
    }
}
