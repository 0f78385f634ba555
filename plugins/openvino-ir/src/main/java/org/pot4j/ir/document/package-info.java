/**
 * The native, mutable IR document: layers with their raw {@code <data>} attributes, ports, edges, rt_info and
 * constant data as shared slices of the {@code .bin}. Quantization edits (inserting FakeQuantize, replacing
 * constants, adding Convert/Subtract/Multiply chains) are made here; the neutral graph view is rebuilt from it.
 */
package org.pot4j.ir.document;
