/**
 * POT's statistics (POT_SPEC §6.2, §6.3): per-batch reducers of activations ({@link org.pot4j.core.statistics.Reducer}),
 * aggregators over the batches of a pass ({@link org.pot4j.core.statistics.Aggregator}), both combined into streaming
 * {@link org.pot4j.api.engine.Statistic}s ({@link org.pot4j.core.statistics.ActivationStatistic}), statistics of
 * constant weights ({@link org.pot4j.core.statistics.WeightStatistic}) and POT's statistic names
 * ({@link org.pot4j.core.statistics.StatisticNames}).
 */
package org.pot4j.core.statistics;
