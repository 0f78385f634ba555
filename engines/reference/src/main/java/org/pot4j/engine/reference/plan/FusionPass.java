package org.pot4j.engine.reference.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pot4j.engine.reference.ops.EpilogueFusion;
import org.pot4j.engine.reference.ops.FusableKernel;
import org.pot4j.engine.reference.ops.FusedEpilogue;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Finds the chains {@code Convolution|GroupConvolution|MatMul -> Add(per-channel constant) -> ReLU|Clamp|PReLU}
 * (either of the last two may be missing) whose intermediate values have exactly one reader and are not model
 * outputs. Whether a statistic is requested at an intermediate is only known per run, so fusions are candidates the
 * executor may take or leave.
 */
final class FusionPass {
    private FusionPass() {
    }

    static List<Fusion> find(List<Step> steps, Value[] constants, boolean[] modelOutput) {
        int nSlots = constants.length;
        int[] readerCount = new int[nSlots];
        int[] reader = new int[nSlots];
        for (int i = 0; i < steps.size(); i++) {
            for (int s : steps.get(i).inputs()) {
                if (s >= 0) {
                    readerCount[s]++;
                    reader[s] = i;
                }
            }
        }
        List<Fusion> fusions = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step first = steps.get(i);
            if (!(first.kernel() instanceof FusableKernel) || first.outputs().length != 1 || first.shapeOnly()) {
                continue;
            }
            FusableKernel producer = (FusableKernel) first.kernel();
            List<Integer> members = new ArrayList<>(List.of(i));
            List<Integer> intermediates = new ArrayList<>();
            FusedEpilogue epilogue = null;
            Step last = first;
            while (true) {
                int slot = last.outputs()[0];
                if (modelOutput[slot] || readerCount[slot] != 1) {
                    break;
                }
                Step consumer = steps.get(reader[slot]);
                if (consumer.outputs().length != 1 || consumer.shapeOnly()) {
                    break;
                }
                int port = -1;
                Value[] consts = new Value[consumer.inputs().length];
                boolean othersConstant = true;
                for (int p = 0; p < consts.length; p++) {
                    int s = consumer.inputs()[p];
                    if (s == slot) {
                        port = p;
                    } else if (s >= 0) {
                        consts[p] = constants[s];
                        othersConstant &= consts[p] != null;
                    }
                }
                if (!othersConstant) {
                    break;
                }
                Optional<FusedEpilogue> next = EpilogueFusion.extend(epilogue, consumer.node(), port, consts, producer);
                if (next.isEmpty()) {
                    break;
                }
                epilogue = next.get();
                members.add(reader[slot]);
                intermediates.add(slot);
                last = consumer;
            }
            if (epilogue == null) {
                continue;
            }
            Step fused = new Step(first.node(), first.label() + epilogue.label(), producer.withEpilogue(epilogue),
                    first.inputs(), last.outputs(), false);
            fusions.add(new Fusion(members.stream().mapToInt(Integer::intValue).toArray(),
                    intermediates.stream().mapToInt(Integer::intValue).toArray(), fused));
        }
        return List.copyOf(fusions);
    }
}
