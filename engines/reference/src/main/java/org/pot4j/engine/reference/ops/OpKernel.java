package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/** Computes one node: input values in port order (null for an absent optional input) to output values. */
@FunctionalInterface
public interface OpKernel {
    Value[] run(Value[] inputs, ExecContext ctx);
}
