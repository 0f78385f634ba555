/** Quantization edits on IR documents: FakeQuantize insertion, constant replacement, int8 weight compression. */
package org.pot4j.ir.quantization;
