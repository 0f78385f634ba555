/**
 * The statistics DefaultQuantization's steps ask for, addressed by typed keys: each {@link
 * org.pot4j.quantization.statistics.StatisticKey} is put in the request and reads its own value back, so no part
 * rebuilds a statistic's name to find it. The names themselves stay POT's ({@code max_abs_max}).
 */
package org.pot4j.quantization.statistics;
