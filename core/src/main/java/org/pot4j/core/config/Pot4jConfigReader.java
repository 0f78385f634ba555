package org.pot4j.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.hardware.HardwareConfigs;

/**
 * Reads POT's JSON configuration (POT_SPEC §13) into a {@link Pot4jConfig}.
 *
 * <p>Unknown keys are errors, except in the free-form parts: extra {@code engine} keys (passed to the engine) and the
 * {@code params} of algorithms, which each algorithm's factory binds and validates when it is created
 * ({@link CompressionConfig#create}); the compression section's common keys stay beside them. Relative paths are
 * resolved against the configuration file's folder; model and weights files must exist, and so must the
 * {@code data_source} unless it is a glob.
 */
public final class Pot4jConfigReader {
    private static final Set<String> TOP_KEYS = Set.of("model", "engine", "compression");
    private static final Set<String> MODEL_KEYS = Set.of("model_name", "model", "weights", "cascade");
    private static final Set<String> STAGE_KEYS = Set.of("name", "model", "weights");
    private static final Set<String> COMPRESSION_KEYS = Set.of("target_device", "model_type", "dump_intermediate_model",
            "inplace_statistics", "algorithms");
    private static final Set<String> ALGORITHM_KEYS = Set.of("name", "params");
    private static final List<String> COMMON_KEYS = List.of("target_device", "model_type", "dump_intermediate_model",
            "inplace_statistics");
    private static final List<String> LAYOUTS = List.of("NCHW", "NHWC", "CHW", "HWC");
    private static final Set<String> ENGINE_KNOWN_KEYS = Set.of("type", "data_source", "device", "layout",
            "central_fraction", "stat_requests_number", "eval_requests_number");

    private Pot4jConfigReader() {
    }

    /**
     * Reads and validates a configuration file.
     *
     * @throws ConfigurationException naming the key path of the first problem (or the file, when it is not JSON)
     */
    public static Pot4jConfig read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        JsonNode root = ConfigJson.read(abs);
        if (root == null || root.isMissingNode()) {
            throw new ConfigurationException("", abs + ": the file is empty");
        }
        if (!root.isObject()) {
            throw new ConfigurationException("", abs + ": must hold a JSON object with model, engine and compression");
        }
        return read(new ConfigNode(root, ""), abs);
    }

    /**
     * Reads a {@code model} section given as plain values, as POT's {@code load_model(model_config)} takes it:
     * {@code model_name} and {@code model} (+ {@code weights}), or {@code model_name} and {@code cascade}.
     *
     * @param section the section's keys and values ({@link Path}s or strings for files)
     * @param base    the folder relative file names are resolved against
     * @return the validated section, its files checked to exist
     * @throws ConfigurationException naming the key ({@code model.weights}) of the first problem
     */
    public static ModelConfig readModel(Map<String, ?> section, Path base) {
        return model(ConfigNode.ofPlain(section, "model"), base.toAbsolutePath().normalize());
    }

    /**
     * Reads an {@code engine} section given as plain values, as POT's {@code IEEngine(config=...)} takes it: an absent
     * {@code type} is {@code simplified} (the default engine), and no {@code data_source} is needed since the caller
     * hands over its own data loader.
     *
     * @param section the section's keys and values
     * @param base    the folder a relative {@code data_source} is resolved against
     * @return the validated section
     * @throws ConfigurationException naming the key ({@code engine.device}) of the first problem
     */
    public static EngineConfig readEngine(Map<String, ?> section, Path base) {
        return engine(ConfigNode.ofPlain(section, "engine"), base.toAbsolutePath().normalize(), EngineConfig.SIMPLIFIED);
    }

    private static Pot4jConfig read(ConfigNode root, Path file) {
        root.allowOnly(TOP_KEYS);
        Path base = file.getParent();
        ModelConfig model = model(root.require("model"), base);
        EngineConfig engine = engine(root.require("engine"), base, EngineConfig.ACCURACY_CHECKER);
        if (engine.type().equals(EngineConfig.SIMPLIFIED) && engine.dataSource().isEmpty()) {
            throw new ConfigurationException("engine.data_source", "required by the simplified engine");
        }
        CompressionConfig compression = compression(root.require("compression"));
        return new Pot4jConfig(file, model, engine, compression);
    }

    private static ModelConfig model(ConfigNode node, Path base) {
        node.allowOnly(MODEL_KEYS);
        String name = node.require("model_name").nonBlankString();
        Optional<ConfigNode> cascade = node.opt("cascade");
        if (cascade.isPresent()) {
            for (String single : List.of("model", "weights")) {
                if (node.has(single)) {
                    throw node.opt(single).get().error("not allowed with 'cascade' (each stage names its own files)");
                }
            }
            List<ModelConfig.CascadeStage> stages = new ArrayList<>();
            Set<String> names = new HashSet<>();
            List<ConfigNode> entries = cascade.get().list();
            if (entries.isEmpty()) {
                throw cascade.get().error("must list at least one stage");
            }
            for (ConfigNode stage : entries) {
                stage.allowOnly(STAGE_KEYS);
                ConfigNode stageName = stage.require("name");
                if (!names.add(stageName.nonBlankString())) {
                    throw stageName.error("duplicate stage name '" + ConfigNode.shorten(stageName.string()) + "'");
                }
                stages.add(new ModelConfig.CascadeStage(stageName.string(), stage.require("model").existingFile(base),
                        stage.opt("weights").map(w -> w.existingFile(base))));
            }
            return new ModelConfig(name, Optional.empty(), Optional.empty(), stages);
        }
        Path modelFile = node.require("model").existingFile(base);
        return new ModelConfig(name, Optional.of(modelFile), node.opt("weights").map(w -> w.existingFile(base)), List.of());
    }

    private static EngineConfig engine(ConfigNode node, Path base, String defaultType) {
        node.object();
        String type = node.opt("type").map(ConfigNode::nonBlankString).orElse(defaultType);
        Optional<Path> dataSource = node.opt("data_source").map(d -> dataSource(d, base));
        String device = node.opt("device").map(ConfigNode::nonBlankString).orElse("CPU");
        Optional<String> layout = node.opt("layout").map(l -> l.oneOf(LAYOUTS));
        Optional<Double> central = node.opt("central_fraction").map(c -> {
            double v = c.number();
            if (!(v > 0 && v <= 1)) {
                throw c.error("must be in (0, 1], got " + v);
            }
            return v;
        });
        Optional<Integer> stat = node.opt("stat_requests_number").map(n -> n.integerAtLeast(0));
        Optional<Integer> eval = node.opt("eval_requests_number").map(n -> n.integerAtLeast(0));
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String key : node.keys()) {
            if (!ENGINE_KNOWN_KEYS.contains(key)) {
                extra.put(key, node.raw(key).plain());
            }
        }
        return new EngineConfig(type, dataSource, device, layout, central, stat, eval, extra);
    }

    private static Path dataSource(ConfigNode node, Path base) {
        String raw = node.nonBlankString();
        if (raw.contains("*") || raw.contains("?") || raw.contains("[")) {
            // a glob: its files are found when the data is loaded; it is kept relative to the config folder
            try {
                return base.resolve(raw).normalize();
            } catch (InvalidPathException e) {
                throw node.error("invalid path '" + ConfigNode.shorten(raw) + "': " + e.getReason());
            }
        }
        Path p = node.pathValue(base);
        if (!Files.exists(p)) {
            throw node.error("file or folder not found: " + ConfigNode.shorten(p));
        }
        return p;
    }

    private static CompressionConfig compression(ConfigNode node) {
        node.allowOnly(COMPRESSION_KEYS);
        CommonKeys common = CommonKeys.read(node);
        List<ConfigNode> entries = node.require("algorithms").list();
        if (entries.isEmpty()) {
            throw node.require("algorithms").error("must list at least one algorithm");
        }
        List<AlgorithmConfig> algorithms = new ArrayList<>();
        for (ConfigNode entry : entries) {
            Map<String, Object> params = algorithmParams(entry);
            algorithms.add(new AlgorithmConfig(entry.require("name").string(),
                    withPresetForDevice(params, common.targetDevice)));
        }
        return new CompressionConfig(common.targetDevice, common.modelType, common.dump, common.inplace, algorithms);
    }

    /**
     * Reads the algorithm list of POT's {@code create_pipeline(algo_config, engine)}: {@code name} and {@code params}
     * per algorithm, the compression section's keys ({@code target_device}, {@code model_type},
     * {@code dump_intermediate_model}, {@code inplace_statistics}) inside the params as POT's API takes them. They
     * are taken out of the params and must agree between algorithms. As POT's API, presets are not renamed for the
     * target device.
     *
     * @param algorithms the algorithms in order, as plain values
     * @return the section, with errors named {@code compression.algorithms[i]...} as in a configuration file
     * @throws ConfigurationException naming the key of the first problem
     */
    public static CompressionConfig readAlgorithms(List<? extends Map<String, ?>> algorithms) {
        ConfigNode list = ConfigNode.ofPlain(algorithms, "compression.algorithms");
        List<ConfigNode> entries = list.list();
        if (entries.isEmpty()) {
            throw list.error("must list at least one algorithm");
        }
        List<AlgorithmConfig> out = new ArrayList<>();
        CommonKeys agreed = null;
        String agreedAt = null;
        for (ConfigNode entry : entries) {
            Map<String, Object> params = algorithmParams(entry);
            Optional<ConfigNode> paramsNode = entry.opt("params");
            CommonKeys common = paramsNode.map(CommonKeys::read).orElse(CommonKeys.DEFAULTS);
            if (paramsNode.isPresent() && paramsNode.get().keys().stream().anyMatch(COMMON_KEYS::contains)) {
                if (agreed != null && !agreed.equals(common)) {
                    throw paramsNode.get().error("the compression keys " + COMMON_KEYS + " differ from those of "
                            + agreedAt + " (" + agreed + " vs " + common + "); every algorithm runs with the same");
                }
                agreed = common;
                agreedAt = paramsNode.get().path();
            }
            COMMON_KEYS.forEach(params::remove);
            out.add(new AlgorithmConfig(entry.require("name").string(), params));
        }
        CommonKeys common = agreed == null ? CommonKeys.DEFAULTS : agreed;
        return new CompressionConfig(common.targetDevice, common.modelType, common.dump, common.inplace, out);
    }

    private static Map<String, Object> algorithmParams(ConfigNode entry) {
        entry.allowOnly(ALGORITHM_KEYS);
        entry.require("name").nonBlankString();
        Map<String, Object> params = new LinkedHashMap<>();
        Optional<ConfigNode> paramsNode = entry.opt("params");
        if (paramsNode.isPresent()) {
            paramsNode.get().object();
            @SuppressWarnings("unchecked")
            Map<String, Object> given = (Map<String, Object>) paramsNode.get().plain();
            params.putAll(given);
        }
        return params;
    }

    /** The keys of POT's {@code compression} section that apply to every algorithm. */
    private record CommonKeys(String targetDevice, Optional<String> modelType, boolean dump, boolean inplace) {
        static final CommonKeys DEFAULTS = new CommonKeys(CompressionConfig.DEFAULT_TARGET_DEVICE, Optional.empty(),
                false, true);

        static CommonKeys read(ConfigNode node) {
            String device = node.opt("target_device").map(d -> d.oneOf(List.copyOf(HardwareConfigs.targetDevices())))
                    .orElse(CompressionConfig.DEFAULT_TARGET_DEVICE);
            Optional<String> modelType = node.opt("model_type").map(t -> t.oneOf(CompressionConfig.MODEL_TYPES))
                    .filter(t -> !t.equals("None"));
            boolean dump = node.opt("dump_intermediate_model").map(ConfigNode::bool).orElse(false);
            boolean inplace = node.opt("inplace_statistics").map(ConfigNode::bool).orElse(true);
            return new CommonKeys(device, modelType, dump, inplace);
        }
    }

    /**
     * POT's configuration reader renames a {@code preset} for the target device (config.py
     * {@code _configure_algo_params}; the API path does not). Its other per-algorithm settings (target device, model
     * type, dump_intermediate_model, inplace_statistics) stay in the compression section.
     */
    private static Map<String, Object> withPresetForDevice(Map<String, Object> params, String device) {
        if (params.get("preset") instanceof String preset) {
            params.put("preset", Presets.forDevice(preset, device));
        }
        return params;
    }
}
