package org.pot4j.quantization.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.core.hardware.HardwareConfig;
import org.pot4j.core.hardware.OpConfig;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.hardware.QuantizationScheme;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.quantization.placement.GraphFacts;
import org.pot4j.quantization.placement.QuantizerGroup;
import org.pot4j.quantization.placement.QuantizerSite;

/**
 * Chooses each quantizer's scheme as POT does (POT_SPEC §5): the schemes its valuable descendants support,
 * filtered by the user's values, intersected across descendants, then picked by the preset; quantizers joined by a
 * Concat (a unified-scales op) form groups that share one per-tensor scheme and, later, one range.
 */
public final class QuantizerConfigurator {
    private static final System.Logger LOG = System.getLogger(QuantizerConfigurator.class.getName());

    private final GraphFacts facts;
    private final HardwareConfig hardware;
    private final Preset preset;
    private final Map<QuantizerGroup, SchemeFilter> filters;
    private final boolean perTensorActivations;

    /**
     * @param filters the user's restrictions per group (absent groups are unrestricted)
     */
    public QuantizerConfigurator(GraphFacts facts, HardwareConfig hardware, Preset preset,
                                 Map<QuantizerGroup, SchemeFilter> filters) {
        this(facts, hardware, preset, filters, false);
    }

    /**
     * @param filters              the user's restrictions per group (absent groups are unrestricted)
     * @param perTensorActivations the model's format runs activation quantizers per tensor only: activation sites
     *                             take the per-tensor schemes their descendants support, deriving them from per-channel
     *                             ones where needed (POT's derived entries, as for a Concat group)
     */
    public QuantizerConfigurator(GraphFacts facts, HardwareConfig hardware, Preset preset,
                                 Map<QuantizerGroup, SchemeFilter> filters, boolean perTensorActivations) {
        this.facts = facts;
        this.hardware = hardware;
        this.preset = preset;
        this.filters = Map.copyOf(filters);
        this.perTensorActivations = perTensorActivations;
    }

    /** The chosen scheme of every site, by site name, and the unification groups. */
    public Configuration configure(List<QuantizerSite> sites) {
        Map<String, QuantizerSite> byName = new LinkedHashMap<>();
        sites.forEach(s -> byName.put(s.name(), s));
        List<List<String>> groups = unificationGroups(sites);
        Set<String> grouped = new HashSet<>();
        groups.forEach(grouped::addAll);
        Map<String, QuantizationScheme> chosen = new TreeMap<>();
        for (QuantizerSite s : sites) {
            if (!grouped.contains(s.name())) {
                chosen.put(s.name(), pick(s.group(), candidates(s, false)));
            }
        }
        for (List<String> group : groups) {
            List<QuantizationScheme> common = null;
            for (String name : group) {
                List<QuantizationScheme> c = candidates(byName.get(name), true);
                common = common == null ? c : intersect(common, c, name);
            }
            QuantizationScheme scheme = pick(QuantizerGroup.ACTIVATIONS, common);
            group.forEach(name -> chosen.put(name, scheme));
        }
        return new Configuration(chosen, groups);
    }

    /** The schemes supported by every valuable descendant of {@code site}, in priority order. */
    List<QuantizationScheme> candidates(QuantizerSite site, boolean perTensorOnly) {
        if (perTensorActivations && site.group() != QuantizerGroup.WEIGHTS) {
            perTensorOnly = true;
        }
        String group = site.group().configName();
        // output quantizers take the user's activation values unless an outputs filter is given
        SchemeFilter filter = filters.getOrDefault(site.group(), site.group() == QuantizerGroup.OUTPUTS
                ? filters.getOrDefault(QuantizerGroup.ACTIVATIONS, SchemeFilter.NONE) : SchemeFilter.NONE);
        List<QuantizationScheme> result = null;
        for (Node d : valuableDescendants(site)) {
            List<QuantizationScheme> supported = hardware.schemes(facts.hardwareType(d), group);
            if (supported.isEmpty() && site.group() == QuantizerGroup.OUTPUTS) {
                // a device without an outputs group quantizes an op's output as the activations it reads
                supported = hardware.schemes(facts.hardwareType(d), QuantizerGroup.ACTIVATIONS.configName());
            }
            if (supported.isEmpty()) {
                continue;
            }
            List<QuantizationScheme> accepted = new ArrayList<>();
            for (QuantizationScheme s : supported) {
                if (filter.accepts(s) && (!perTensorOnly || s.granularity() == Granularity.PER_TENSOR)) {
                    accepted.add(s);
                }
            }
            if (accepted.isEmpty() && perTensorOnly) {
                for (QuantizationScheme s : derived(supported)) {
                    if (filter.accepts(s) && s.granularity() == Granularity.PER_TENSOR) {
                        accepted.add(s);
                    }
                }
            }
            if (accepted.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "quantizer {0}: the {1} values given do not match the hardware "
                        + "config of {2}; using them as given", site.name(), group, d.name());
                accepted.add(filter.asScheme(supported.get(0)));
            }
            result = result == null ? accepted : intersect(result, accepted, site.name());
        }
        if (result == null) {
            throw new AlgorithmException("quantizer '" + site.name() + "' feeds no op with a " + group
                    + " scheme in the hardware config of " + hardware.targetDevice());
        }
        return result;
    }

    /** POT's intersection: match by (mode, granularity), prefer the primary bit width, else fewer bits. */
    List<QuantizationScheme> intersect(List<QuantizationScheme> a, List<QuantizationScheme> b, String site) {
        List<QuantizationScheme> out = match(a, b);
        if (out.isEmpty()) {
            out = match(derived(a), derived(b));
        }
        if (out.isEmpty()) {
            throw new AlgorithmException("quantizer '" + site + "': its consumers share no quantization scheme ("
                    + a + " vs " + b + ")");
        }
        return out;
    }

    private List<QuantizationScheme> match(List<QuantizationScheme> a, List<QuantizationScheme> b) {
        List<QuantizationScheme> out = new ArrayList<>();
        for (QuantizationScheme x : a) {
            List<QuantizationScheme> same = new ArrayList<>();
            same.add(x);
            for (QuantizationScheme y : b) {
                if (y.mode() == x.mode() && y.granularity() == x.granularity()) {
                    same.add(y);
                }
            }
            if (same.size() == 1) {
                continue;
            }
            QuantizationScheme best = same.stream().filter(s -> s.bits() == hardware.primaryBitwidth()).findFirst()
                    .orElse(same.stream().min(Comparator.comparingInt(QuantizationScheme::bits)).get());
            if (!out.contains(best)) {
                out.add(best);
            }
        }
        return out;
    }

    /** The list extended with per-tensor and symmetric variants of its entries. */
    static List<QuantizationScheme> derived(List<QuantizationScheme> schemes) {
        Set<QuantizationScheme> out = new LinkedHashSet<>(schemes);
        for (QuantizationScheme s : schemes) {
            out.add(with(s, s.mode(), Granularity.PER_TENSOR));
            out.add(with(s, QuantizationMode.SYMMETRIC, s.granularity()));
            out.add(with(s, QuantizationMode.SYMMETRIC, Granularity.PER_TENSOR));
        }
        return new ArrayList<>(out);
    }

    private static QuantizationScheme with(QuantizationScheme s, QuantizationMode mode, Granularity granularity) {
        return new QuantizationScheme(s.bits(), mode, granularity, s.levelLow(), s.levelHigh(), s.unifiedZeropoint());
    }

    /** POT's preset rule: weights take the first scheme (accuracy the last); activations performance first, else last. */
    QuantizationScheme pick(QuantizerGroup group, List<QuantizationScheme> schemes) {
        boolean last = group == QuantizerGroup.WEIGHTS ? preset == Preset.ACCURACY : preset != Preset.PERFORMANCE;
        return last ? schemes.get(schemes.size() - 1) : schemes.get(0);
    }

    /**
     * The ops that decide a quantizer's scheme: for weights the op itself; for activations the first
     * non-agnostic ops below it (children in name order).
     */
    List<Node> valuableDescendants(QuantizerSite site) {
        if (site.group() == QuantizerGroup.OUTPUTS) {
            return List.of(outputProducer(site));
        }
        List<Node> out = new ArrayList<>();
        Deque<Node> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        site.consumers().stream().map(InputRef::node).sorted().distinct()
                .forEach(n -> queue.add(facts.graph().requireNode(n)));
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            if (!seen.add(n.name())) {
                continue;
            }
            if (site.group() != QuantizerGroup.WEIGHTS && hardware.isAgnostic(n.kind())) {
                facts.consumerNodes(n).stream().sorted(Comparator.comparing(Node::name)).forEach(queue::add);
            } else {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The op an output quantizer belongs to (POT: {@code outputs} quantizers use their producer): the producer of its
     * tensor, or, back past the ReLU/Clamp the quantizer was moved after ({@code OutputQuantizers}) and a bias Add with
     * a constant, the op before them.
     */
    private Node outputProducer(QuantizerSite site) {
        Node n = facts.graph().requireNode(site.source().node());
        while ((OpKinds.RELU.equals(n.kind()) || OpKinds.CLAMP.equals(n.kind())) && facts.producer(n, 0).isPresent()) {
            n = facts.producer(n, 0).get();
        }
        if (OpKinds.ADD.equals(n.kind()) && facts.hasAnyConstantInput(n)) {
            for (int i = 0; i < n.inputCount(); i++) {
                if (!facts.hasConstantInput(n, i) && facts.producer(n, i).isPresent()) {
                    return facts.producer(n, i).get();
                }
            }
        }
        return n;
    }

    /**
     * Activation quantizers joined through Concats whose hardware entry unifies scales (POT_SPEC §5 step 5): only
     * when every input of the Concat is quantized and its output reaches a convolution or MatMul.
     */
    List<List<String>> unificationGroups(List<QuantizerSite> sites) {
        OpConfig concat = hardware.op(OpKinds.CONCAT).orElse(null);
        if (concat == null || concat.unifiedScales().isEmpty() || !concat.unifiedScales().get().all()) {
            return List.of();
        }
        Map<InputRef, QuantizerSite> byConsumer = new HashMap<>();
        for (QuantizerSite s : sites) {
            if (s.group() == QuantizerGroup.ACTIVATIONS) {
                s.consumers().forEach(c -> byConsumer.put(c, s));
            }
        }
        Map<String, String> parent = new HashMap<>();
        for (Node n : facts.graph().nodes()) {
            if (!OpKinds.CONCAT.equals(n.kind()) || !reachesWeightedOp(n)) {
                continue;
            }
            List<QuantizerSite> members = new ArrayList<>();
            boolean allQuantized = true;
            for (int i = 0; i < n.inputCount() && allQuantized; i++) {
                QuantizerSite s = byConsumer.get(new InputRef(n.name(), i));
                if (s != null) {
                    members.add(s);
                } else {
                    Node producer = facts.producer(n, i).orElse(null);
                    allQuantized = producer != null && OpKinds.CONCAT.equals(producer.kind());
                    if (allQuantized) {
                        union(parent, "concat:" + producer.name(), "concat:" + n.name());
                    }
                }
            }
            if (!allQuantized) {
                continue;
            }
            for (QuantizerSite s : members) {
                union(parent, s.name(), "concat:" + n.name());
            }
        }
        Map<String, List<String>> groups = new TreeMap<>();
        for (QuantizerSite s : sites) {
            if (parent.containsKey(s.name())) {
                groups.computeIfAbsent(find(parent, s.name()), k -> new ArrayList<>()).add(s.name());
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups.values()) {
            if (g.size() > 1) {
                g.sort(null);
                out.add(List.copyOf(g));
            }
        }
        return out;
    }

    /** True when the Concat's output reaches a convolution or MatMul through agnostic ops, and no depthwise one. */
    private boolean reachesWeightedOp(Node concat) {
        boolean weighted = false;
        Deque<Node> queue = new ArrayDeque<>(facts.consumerNodes(concat));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            if (!seen.add(n.name())) {
                continue;
            }
            String type = facts.hardwareType(n);
            if ("DepthWiseConvolution".equals(type)) {
                return false;
            }
            if (OpKinds.CONVOLUTION.equals(type) || OpKinds.MAT_MUL.equals(type)
                    || OpKinds.CONVOLUTION_BACKPROP_DATA.equals(type)) {
                weighted = true;
            } else if (hardware.isAgnostic(n.kind())) {
                queue.addAll(facts.consumerNodes(n));
            }
        }
        return weighted;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /**
     * The outcome: a scheme per quantizer name, and groups of quantizer names that share one range.
     *
     * @param schemes by quantizer name
     * @param unified groups of activation quantizers with one scheme and, after MinMax, one range
     */
    public record Configuration(Map<String, QuantizationScheme> schemes, List<List<String>> unified) {
        public Configuration {
            schemes = Map.copyOf(schemes);
            unified = List.copyOf(unified);
        }
    }
}
