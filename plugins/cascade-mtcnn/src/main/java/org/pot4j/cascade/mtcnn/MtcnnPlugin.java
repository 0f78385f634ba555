package org.pot4j.cascade.mtcnn;

import java.util.List;
import java.util.Map;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricFactory;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

/**
 * The MT-CNN plugin: engine {@code mtcnn}, metrics {@code detection} and {@code detection_agreement} (cascade boxes)
 * and {@code face_classification} (a single R-Net or O-Net on labelled crops).
 */
public final class MtcnnPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "cascade-mtcnn";
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new MtcnnEngineFactory());
    }

    @Override
    public List<MetricFactory> metrics() {
        return List.of(new DetectionMetricFactory("detection", false), new DetectionMetricFactory("detection_agreement", true),
                new FaceClassificationFactory());
    }

    /** Option {@code iou} (default 0.5): the overlap at which a detection matches a reference box. */
    private record DetectionMetricFactory(String name, boolean agreement) implements MetricFactory {
        @Override
        public Metric create(Map<String, Object> config, PluginContext context) {
            double iou = 0.5;
            for (Map.Entry<String, Object> e : config.entrySet()) {
                if (!e.getKey().equals("iou")) {
                    throw new ConfigurationException("metric." + e.getKey(), "unknown option of metric '" + name
                            + "' (options: [iou])");
                }
                if (!(e.getValue() instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() <= 1)) {
                    throw new ConfigurationException("metric.iou", "must be a number in (0, 1], got " + e.getValue());
                }
                iou = n.doubleValue();
            }
            return agreement ? DetectionMetric.agreement(iou) : DetectionMetric.labelled(iou);
        }
    }

    /**
     * Options {@code threshold} (default 0.5: a face is a probability above it) and {@code output} (the probability
     * output's name; default: found by content, as the cascade finds it).
     */
    private record FaceClassificationFactory() implements MetricFactory {
        @Override
        public String name() {
            return FaceClassificationMetric.NAME;
        }

        @Override
        public Metric create(Map<String, Object> config, PluginContext context) {
            double threshold = 0.5;
            String output = null;
            for (Map.Entry<String, Object> e : config.entrySet()) {
                Object v = e.getValue();
                switch (e.getKey()) {
                    case "threshold" -> {
                        if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() < 1)) {
                            throw new ConfigurationException("metric.threshold", "must be a number in [0, 1), got " + v);
                        }
                        threshold = n.doubleValue();
                    }
                    case "output" -> {
                        if (!(v instanceof String s) || s.isBlank()) {
                            throw new ConfigurationException("metric.output", "must be an output name, got " + v);
                        }
                        output = s;
                    }
                    default -> throw new ConfigurationException("metric." + e.getKey(), "unknown option of metric '"
                            + FaceClassificationMetric.NAME + "' (options: [threshold, output])");
                }
            }
            return new FaceClassificationMetric(threshold, output);
        }
    }
}
