/**
 * A small XML layer for IR files: an immutable element tree that keeps attribute order and raw values (so opaque
 * sections such as {@code rt_info} round-trip exactly), a StAX parser that reports line numbers, and a writer
 * that indents the way OpenVINO does.
 */
package org.pot4j.ir.xml;
