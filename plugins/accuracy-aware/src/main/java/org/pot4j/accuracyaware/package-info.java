/**
 * POT's AccuracyAwareQuantization (POT_SPEC_ACCURACY_AWARE.md): the base algorithm first, then the quantizer groups
 * that hurt the metric most are reverted one by one until the drop is met; a label-free mode that scores a model by
 * its agreement with the FP32 model's own outputs (for detectors: the tensors feeding their post-processing), and a
 * per-layer sensitivity report.
 */
package org.pot4j.accuracyaware;
