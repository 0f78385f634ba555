/**
 * From graph to execution: {@link org.pot4j.engine.reference.plan.PlanCompiler} turns a neutral graph into a
 * {@link org.pot4j.engine.reference.plan.CompiledGraph} (kernels, folded constants, shape-only nodes, fusion
 * candidates found by {@code FusionPass}), and {@link org.pot4j.engine.reference.plan.GraphExecutor} runs it with
 * per-input-shape plans (fusions taken only where no statistic is requested in between), buffer reuse and statistic
 * observers.
 */
package org.pot4j.engine.reference.plan;
