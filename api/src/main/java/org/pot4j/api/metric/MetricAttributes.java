package org.pot4j.api.metric;

/**
 * POT's metric attributes.
 *
 * @param direction {@code "higher-better"} or {@code "higher-worse"}
 * @param type      what is measured, such as {@code "accuracy"}
 */
public record MetricAttributes(String direction, String type) {
    public static MetricAttributes higherBetter(String type) {
        return new MetricAttributes("higher-better", type);
    }

    public static MetricAttributes higherWorse(String type) {
        return new MetricAttributes("higher-worse", type);
    }
}
