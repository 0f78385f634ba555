package org.pot4j.osgi.itapp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.PluginRegistry;
import org.pot4j.core.plugin.RegisteredPlugin;

/**
 * The application bundle of the integration tests. Commands (key {@code command}):
 * <ul>
 *   <li>{@code names}: the registry's names per kind ({@code algorithm}, {@code engine}, {@code data_loader},
 *       {@code model_format}) and {@code plugins}, each {@code "name|source"};</li>
 *   <li>{@code quantize}: {@code model}, {@code data_source}, {@code input_shape}, {@code mean}, {@code engine},
 *       {@code algorithm}, {@code params}, {@code target_device} (default ANY), {@code output}: reads the model, runs
 *       the algorithm with the engine on the image loader, compresses the weights and writes the result; answers
 *       {@code files}, {@code fake_quantize} and {@code compressed};</li>
 *   <li>{@code infer}: {@code model}, {@code engine}, the loader keys and {@code input_shape}: one inference of the
 *       first image; answers {@code output_shape} and {@code top}.</li>
 * </ul>
 */
public final class RegistryProbeApp implements BundleActivator, Function<Map<String, Object>, Map<String, Object>> {
    private ServiceTracker<PluginRegistry, PluginRegistry> registries;
    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) {
        registries = new ServiceTracker<>(context, PluginRegistry.class, null);
        registries.open();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("pot4j.it", "app");
        registration = context.registerService(Function.class.getName(), this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        registries.close();
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> request) {
        PluginRegistry registry = registries.getService();
        if (registry == null) {
            throw new IllegalStateException("no org.pot4j.core.plugin.PluginRegistry service (is pot4j-osgi started?)");
        }
        String command = (String) request.get("command");
        switch (command) {
            case "names":
                return names(registry);
            case "quantize":
                return quantize(registry, request);
            case "infer":
                return infer(registry, request);
            default:
                throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private static Map<String, Object> names(PluginRegistry registry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("algorithm", registry.names(ExtensionKind.ALGORITHM));
        out.put("engine", registry.names(ExtensionKind.ENGINE));
        out.put("data_loader", registry.names(ExtensionKind.DATA_LOADER));
        out.put("model_format", registry.names(ExtensionKind.MODEL_FORMAT));
        List<String> plugins = new ArrayList<>();
        for (RegisteredPlugin p : registry.plugins()) {
            plugins.add(p.name() + "|" + p.source());
        }
        out.put("plugins", plugins);
        return out;
    }

    /** One inference of the first image with {@code engine}: answers {@code output_shape} and {@code top}. */
    private static Map<String, Object> infer(PluginRegistry registry, Map<String, Object> request) {
        PluginContext context = registry.context();
        Path file = Path.of((String) request.get("model"));
        Model model = registry.modelFormatFor(file).read(ModelSource.of(file));
        DataLoader loader = registry.dataLoader("image").create(loaderConfig(request), context);
        List<?> shape = (List<?>) request.get("input_shape");
        long[] dims = shape.stream().mapToLong(d -> ((Number) d).longValue()).toArray();
        try (Engine engine = registry.engine((String) request.get("engine")).create(EngineSettings.cpu(), context)) {
            engine.setModel(model);
            Tensor input = loader.get(0).inputs().get(DataItem.UNNAMED).reshape(Shape.of(dims));
            Tensor output = engine.infer(Map.of(DataItem.UNNAMED, input)).values().iterator().next();
            float[] scores = output.toFloatArray();
            int top = 0;
            for (int i = 1; i < scores.length; i++) {
                top = scores[i] > scores[top] ? i : top;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("output_shape", output.shape().toString());
            out.put("top", top);
            return out;
        }
    }

    private static Map<String, Object> loaderConfig(Map<String, Object> request) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : List.of("data_source", "input_shape", "mean", "scale", "color_order")) {
            if (request.containsKey(key)) {
                config.put(key, request.get(key));
            }
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> quantize(PluginRegistry registry, Map<String, Object> request) {
        PluginContext context = registry.context();
        Path xml = Path.of((String) request.get("model"));
        ModelFormat format = registry.modelFormatFor(xml);
        Model fp32 = format.read(ModelSource.of(xml));
        DataLoader loader = registry.dataLoader("image").create(loaderConfig(request), context);
        Algorithm algorithm = registry.algorithm((String) request.get("algorithm"))
                .create(AlgorithmSettings.of((Map<String, Object>) request.get("params"),
                        (String) request.getOrDefault("target_device", AlgorithmSettings.DEFAULT_TARGET_DEVICE)), context);
        Model int8;
        try (Engine engine = registry.engine((String) request.get("engine")).create(EngineSettings.cpu(), context)) {
            int8 = Pipeline.create(List.of(algorithm), InferenceLoop.of(engine, loader)).run(fp32);
        }
        long fakeQuantize = int8.graph().nodes().stream().filter(n -> OpKinds.FAKE_QUANTIZE.equals(n.kind())).count();
        int compressed = int8.extension(QuantizationEditor.class)
                .orElseThrow(() -> new IllegalStateException("format " + format.name() + " has no QuantizationEditor"))
                .compressWeights();
        List<String> files = new ArrayList<>();
        for (Path p : format.write(int8, Path.of((String) request.get("output")), fp32.name() + "_int8")) {
            files.add(p.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", files);
        out.put("fake_quantize", fakeQuantize);
        out.put("compressed", compressed);
        return out;
    }
}
