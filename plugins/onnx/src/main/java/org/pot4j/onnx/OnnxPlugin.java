package org.pot4j.onnx;

import java.util.List;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: contributes the ONNX model format. */
public final class OnnxPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public List<ModelFormat> modelFormats() {
        return List.of(new OnnxModelFormat());
    }
}
