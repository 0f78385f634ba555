package org.pot4j.ir;

import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.testkit.ModelFormatContractTest;

/** The testkit's model-format contract, on squeezenet v11. */
class IrModelFormatConformanceTest extends ModelFormatContractTest {
    @Override
    protected ModelFormat format() {
        return new IrModelFormat();
    }

    @Override
    protected ModelSource sampleModel() {
        return ModelSource.of(IrAssets.require("squeezenet1.1/v11/squeezenet1.1.xml"));
    }
}
