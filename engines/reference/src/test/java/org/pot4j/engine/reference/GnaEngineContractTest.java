package org.pot4j.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.gna.GnaEngineFactory;
import org.pot4j.testkit.EngineContractTest;

/** The engine contract for the GNA emulation, on a GNA-quantized affine -> bias -> tanh network. */
class GnaEngineContractTest extends EngineContractTest {
    @Override
    protected EngineFactory factory() {
        return new GnaEngineFactory();
    }

    @Override
    protected EngineSettings settings() {
        return new EngineSettings("GNA", Map.of());
    }

    @Override
    protected Model model() {
        return GnaNetworks.affine(16, 6, 1.5, 0.8, 65535, 1);
    }

    @Override
    protected DataLoader dataLoader() {
        List<DataItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] v = new float[16];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) Math.sin(i * 7 + j);
            }
            items.add(DataItem.of(Tensor.ofFloats(v, 16), i));
        }
        return new ListDataLoader(items);
    }
}
