package org.pot4j.core.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.statistics.Granularity;

/**
 * Reads a POT hardware configuration file and flattens it exactly as POT's {@code HardwareConfig.from_json}
 * (POT_SPEC §3.1): every list-valued field of an alias (or of an inline entry) is expanded by Cartesian product in
 * key order, the last key varying fastest; an op group's entries are concatenated in order; {@code primary_bitwidth}
 * defaults to 8. {@code //} and {@code /* *}{@code /} comments and trailing commas are allowed, as POT reads the files with jstyleson.
 * {@code input_priority_types} is accepted and not kept (no bundled file uses it).
 */
public final class HardwareConfigParser {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() { };
    private static final String QUANTIZATION = "quantization";
    private static final Set<String> TOP_KEYS = Set.of("target_device", "primary_bitwidth", "input_priority_types",
            "config", "operations");
    private static final Set<String> SCHEME_KEYS = Set.of("bits", "mode", "granularity", "level_low", "level_high",
            "unified_zeropoint");
    private static final Set<String> GROUPS = Set.of(OpConfig.ACTIVATIONS, OpConfig.WEIGHTS, OpConfig.OUTPUTS);

    private final String source;

    private HardwareConfigParser(String source) {
        this.source = source;
    }

    /**
     * Parses a hardware configuration.
     *
     * @param in           the JSON document
     * @param source       the file or resource name, for error messages
     * @param targetDevice the device to record, as POT's {@code from_json(path, target_device)}; null to keep the
     *                     file's {@code target_device}
     * @throws ConfigurationException naming the key path and the source when the document is invalid
     */
    public static HardwareConfig parse(InputStream in, String source, String targetDevice) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("", source + ": invalid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new ConfigurationException("", source + ": cannot read: " + e.getMessage(), e);
        }
        return new HardwareConfigParser(source).config(root, targetDevice);
    }

    private HardwareConfig config(JsonNode root, String targetDevice) {
        if (root == null || !root.isObject()) {
            throw error("", "the document must be a JSON object");
        }
        checkKeys(root, "", TOP_KEYS);
        String device = targetDevice != null ? targetDevice : text(require(root, "target_device", ""), "target_device");
        int primaryBitwidth = 8;
        if (root.has("primary_bitwidth")) {
            primaryBitwidth = (int) integer(root.get("primary_bitwidth"), "primary_bitwidth");
        }
        Map<String, Map<String, List<QuantizationScheme>>> configs = new LinkedHashMap<>();
        JsonNode config = root.path("config");
        if (!config.isMissingNode()) {
            requireObject(config, "config");
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> algorithm = it.next();
                String path = "config." + algorithm.getKey();
                requireObject(algorithm.getValue(), path);
                Map<String, List<QuantizationScheme>> aliases = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> a = algorithm.getValue().fields(); a.hasNext(); ) {
                    Map.Entry<String, JsonNode> alias = a.next();
                    aliases.put(alias.getKey(), flatten(alias.getValue(), path + "." + alias.getKey()));
                }
                configs.put(algorithm.getKey(), aliases);
            }
        }
        List<OpConfig> ops = new ArrayList<>();
        JsonNode operations = root.path("operations");
        if (!operations.isMissingNode()) {
            if (!operations.isArray()) {
                throw error("operations", "must be a list");
            }
            for (int i = 0; i < operations.size(); i++) {
                ops.add(operation(operations.get(i), "operations[" + i + "]", configs));
            }
        }
        return new HardwareConfig(device, primaryBitwidth, ops);
    }

    private OpConfig operation(JsonNode op, String path, Map<String, Map<String, List<QuantizationScheme>>> configs) {
        requireObject(op, path);
        String type = text(require(op, "type", path), path + ".type");
        Map<String, List<QuantizationScheme>> quantization = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        Optional<UnifiedScales> unified = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = op.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String keyPath = path + "." + key;
            if (key.equals("type")) {
                continue;
            }
            if (key.equals("attributes")) {
                requireObject(field.getValue(), keyPath);
                attributes.putAll(JSON.convertValue(field.getValue(), ATTRIBUTES));
                unified = unifiedScales(field.getValue(), keyPath);
            } else if (key.equals(QUANTIZATION)) {
                requireObject(field.getValue(), keyPath);
                Map<String, List<QuantizationScheme>> aliases = configs.getOrDefault(QUANTIZATION, Map.of());
                for (Iterator<Map.Entry<String, JsonNode>> g = field.getValue().fields(); g.hasNext(); ) {
                    Map.Entry<String, JsonNode> group = g.next();
                    String groupPath = keyPath + "." + group.getKey();
                    if (!GROUPS.contains(group.getKey())) {
                        throw error(groupPath, "unknown group (expected one of activations, weights, outputs)");
                    }
                    quantization.put(group.getKey(), groupSchemes(group.getValue(), groupPath, aliases));
                }
            } else if (!configs.containsKey(key)) {
                // POT keeps entries of other algorithms of "config"; anything else is a typo.
                throw error(keyPath, "unknown key (expected type, quantization, attributes)");
            }
        }
        return new OpConfig(type, quantization, attributes, unified);
    }

    private List<QuantizationScheme> groupSchemes(JsonNode value, String path, Map<String, List<QuantizationScheme>> aliases) {
        List<JsonNode> entries = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(entries::add);
        } else {
            entries.add(value);
        }
        List<QuantizationScheme> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String entryPath = value.isArray() ? path + "[" + i + "]" : path;
            if (entry.isTextual()) {
                List<QuantizationScheme> alias = aliases.get(entry.asText());
                if (alias == null) {
                    throw error(entryPath, "unknown alias '" + entry.asText() + "' (defined: "
                            + String.join(", ", aliases.keySet()) + ")");
                }
                out.addAll(alias);
            } else if (entry.isObject()) {
                out.addAll(flatten(entry, entryPath));
            } else {
                throw error(entryPath, "must be an alias name or an object, got " + entry.getNodeType().name().toLowerCase());
            }
        }
        return out;
    }

    /** The Cartesian product of the list-valued fields, in key order, the last key varying fastest. */
    private List<QuantizationScheme> flatten(JsonNode alias, String path) {
        requireObject(alias, path);
        checkKeys(alias, path, SCHEME_KEYS);
        List<String> keys = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = alias.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            List<JsonNode> options = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(options::add);
                if (options.isEmpty()) {
                    throw error(path + "." + field.getKey(), "an empty list allows no configuration");
                }
            } else {
                options.add(field.getValue());
            }
            keys.add(field.getKey());
            values.add(options);
        }
        for (String required : List.of("bits", "mode", "granularity")) {
            if (!keys.contains(required)) {
                throw error(path, "missing '" + required + "'");
            }
        }
        List<QuantizationScheme> out = new ArrayList<>();
        int[] index = new int[keys.size()];
        while (true) {
            out.add(scheme(keys, values, index, path));
            int k = keys.size() - 1;
            while (k >= 0 && ++index[k] == values.get(k).size()) {
                index[k] = 0;
                k--;
            }
            if (k < 0) {
                return out;
            }
        }
    }

    private QuantizationScheme scheme(List<String> keys, List<List<JsonNode>> values, int[] index, String path) {
        int bits = 0;
        QuantizationMode mode = null;
        Granularity granularity = null;
        OptionalLong low = OptionalLong.empty();
        OptionalLong high = OptionalLong.empty();
        boolean unifiedZeropoint = false;
        for (int k = 0; k < keys.size(); k++) {
            JsonNode v = values.get(k).get(index[k]);
            String keyPath = path + "." + keys.get(k);
            switch (keys.get(k)) {
                case "bits":
                    bits = (int) integer(v, keyPath);
                    if (bits < 1 || bits > 32) {
                        throw error(keyPath, bits + " is outside [1, 32]");
                    }
                    break;
                case "mode":
                    try {
                        mode = QuantizationMode.fromPotName(text(v, keyPath), keyPath);
                    } catch (ConfigurationException e) {
                        throw withSource(e);
                    }
                    break;
                case "granularity":
                    try {
                        granularity = Granularity.fromPotName(text(v, keyPath), keyPath);
                    } catch (ConfigurationException e) {
                        throw withSource(e);
                    }
                    break;
                case "level_low":
                    low = OptionalLong.of(integer(v, keyPath));
                    break;
                case "level_high":
                    high = OptionalLong.of(integer(v, keyPath));
                    break;
                default:
                    if (!v.isBoolean()) {
                        throw error(keyPath, "must be true or false");
                    }
                    unifiedZeropoint = v.asBoolean();
            }
        }
        return new QuantizationScheme(bits, mode, granularity, low, high, unifiedZeropoint);
    }

    private Optional<UnifiedScales> unifiedScales(JsonNode attributes, String path) {
        JsonNode legacy = attributes.get("scales");
        if (legacy != null) {
            if (!"unified".equals(legacy.asText())) {
                throw error(path + ".scales", "only 'unified' is known, got " + legacy);
            }
            return Optional.of(UnifiedScales.ALL);
        }
        JsonNode value = attributes.get("unified_scales");
        if (value == null) {
            return Optional.empty();
        }
        if (value.isTextual() && value.asText().equals("all")) {
            return Optional.of(UnifiedScales.ALL);
        }
        String keyPath = path + ".unified_scales";
        if (!value.isArray()) {
            throw error(keyPath, "must be 'all' or a list of port lists, got " + value);
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode group = value.get(i);
            if (!group.isArray()) {
                throw error(keyPath + "[" + i + "]", "must be a list of input ports");
            }
            List<Integer> ports = new ArrayList<>();
            for (int j = 0; j < group.size(); j++) {
                ports.add((int) integer(group.get(j), keyPath + "[" + i + "][" + j + "]"));
            }
            groups.add(ports);
        }
        return Optional.of(UnifiedScales.ofGroups(groups));
    }

    private void checkKeys(JsonNode object, String path, Set<String> allowed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(path.isEmpty() ? key : path + "." + key, "unknown key (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private JsonNode require(JsonNode object, String key, String path) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull()) {
            throw error(path, "missing '" + key + "'");
        }
        return v;
    }

    private void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "must be an object, got " + node.getNodeType().name().toLowerCase());
        }
    }

    private String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw error(path, "must be a string, got " + node);
        }
        return node.asText();
    }

    private long integer(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(path, "must be an integer, got " + node);
        }
        return node.asLong();
    }

    private ConfigurationException withSource(ConfigurationException e) {
        if (e.getMessage().endsWith("(in " + source + ")")) {
            return e;
        }
        String message = e.keyPath().isEmpty() ? e.getMessage() : e.getMessage().substring(e.keyPath().length() + 2);
        return error(e.keyPath(), message);
    }

    private ConfigurationException error(String path, String message) {
        return new ConfigurationException(path, message + " (in " + source + ")");
    }
}
