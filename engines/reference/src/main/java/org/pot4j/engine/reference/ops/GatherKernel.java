package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/** Gather-1/7/8: {@code data[..., indices[...], ...]} along {@code axis}, negative indices from the end, with
 * {@code batch_dims}. */
final class GatherKernel {
    private GatherKernel() {
    }

    static KernelFactory factory() {
        return (Node node, CompileContext cc) -> {
            long batchDimsAttr = new NodeAttributes(node).longValue("batch_dims", 0);
            return (in, ctx) -> {
                Value data = in[0];
                Value indices = in[1];
                int[] ds = data.shape();
                int[] is = indices.shape();
                int axis = Dims.axis(in[2].longs()[0], ds.length);
                int bd = (int) (batchDimsAttr < 0 ? batchDimsAttr + is.length : batchDimsAttr);
                if (bd < 0 || bd > axis || bd > is.length) {
                    throw new IllegalArgumentException("batch_dims " + batchDimsAttr + " invalid for axis " + axis);
                }
                int batch = Dims.product(ds, 0, bd);
                int outer = Dims.product(ds, bd, axis);
                int axisDim = ds[axis];
                int inner = Dims.product(ds, axis + 1, ds.length);
                int idxPerBatch = Dims.product(is, bd, is.length);
                long[] idx = indices.longs();
                int[] os = new int[ds.length - 1 + is.length - bd];
                int k = 0;
                for (int i = 0; i < axis; i++) {
                    os[k++] = ds[i];
                }
                for (int i = bd; i < is.length; i++) {
                    os[k++] = is[i];
                }
                for (int i = axis + 1; i < ds.length; i++) {
                    os[k++] = ds[i];
                }
                Object src = data.array();
                Object dst = data.newArray(Dims.count(os));
                int o = 0;
                for (int b = 0; b < batch; b++) {
                    for (int ou = 0; ou < outer; ou++) {
                        for (int j = 0; j < idxPerBatch; j++) {
                            long ix = idx[b * idxPerBatch + j];
                            if (ix < 0) {
                                ix += axisDim;
                            }
                            if (ix < 0 || ix >= axisDim) {
                                throw new IllegalArgumentException("index " + idx[b * idxPerBatch + j]
                                        + " outside axis " + axis + " of size " + axisDim);
                            }
                            int from = ((b * outer + ou) * axisDim + (int) ix) * inner;
                            System.arraycopy(src, from, dst, o, inner);
                            o += inner;
                        }
                    }
                }
                return new Value[] {data.withData(os, dst)};
            };
        };
    }
}
