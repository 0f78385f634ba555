package org.pot4j.ir;

import java.util.List;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: contributes the OpenVINO IR model format. */
public final class IrPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "openvino-ir";
    }

    @Override
    public List<ModelFormat> modelFormats() {
        return List.of(new IrModelFormat());
    }
}
