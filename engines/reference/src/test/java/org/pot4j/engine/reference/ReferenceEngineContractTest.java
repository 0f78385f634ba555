package org.pot4j.engine.reference;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.EngineContractTest;

/** The engine contract on a small conv -> relu -> reshape network with a ShapeOf-driven reshape. */
class ReferenceEngineContractTest extends EngineContractTest {
    @Override
    protected EngineFactory factory() {
        return new ReferenceEngineFactory();
    }

    @Override
    protected Model model() {
        return TestNetworks.convReluFlatten();
    }

    @Override
    protected DataLoader dataLoader() {
        List<DataItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] v = new float[2 * 4 * 4];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) Math.sin(i * 7 + j);
            }
            items.add(DataItem.of(Tensor.ofFloats(v, 2, 4, 4), i));
        }
        return new ListDataLoader(items);
    }
}
