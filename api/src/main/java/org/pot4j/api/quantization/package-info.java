/** The per-format quantization edits algorithms apply through {@link org.pot4j.api.model.Model#extension}. */
package org.pot4j.api.quantization;
