package org.pot4j.api.metric;

/**
 * POT's metric attributes.
 *
 * @param direction {@code "higher-better"} or {@code "higher-worse"}
 * @param type      what is measured, such as {@code "accuracy"}
 */
public record MetricAttributes(String direction, String type) {
    /**
     * Attributes of a measure where larger is better.
     *
     * @param type what is measured, such as {@code "accuracy"}
     * @return attributes with direction {@code "higher-better"}
     */
    public static MetricAttributes higherBetter(String type) {
        return new MetricAttributes("higher-better", type);
    }

    /**
     * Attributes of a measure where larger is worse, such as an error rate.
     *
     * @param type what is measured
     * @return attributes with direction {@code "higher-worse"}
     */
    public static MetricAttributes higherWorse(String type) {
        return new MetricAttributes("higher-worse", type);
    }
}
