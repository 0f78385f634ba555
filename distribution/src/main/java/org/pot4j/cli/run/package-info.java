/**
 * A quantization run from start to saved model: the job (from options or a POT configuration), the output folders
 * of POT_SPEC §13 (created atomically, checked for writing before any work, removed again when a run fails before
 * saving) with temporary-then-move writes, the run's log at POT's {@code --log-level}, and POT's {@code -e}
 * evaluation of the FP32 and the saved model through the evaluation loop {@code pot4j evaluate} uses.
 */
package org.pot4j.cli.run;
