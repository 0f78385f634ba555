/**
 * A quantization run from start to saved model: the job (from options or a POT configuration), the output folders
 * of POT_SPEC §13 with temporary-then-move writes, and the run's log.
 */
package org.pot4j.cli.run;
