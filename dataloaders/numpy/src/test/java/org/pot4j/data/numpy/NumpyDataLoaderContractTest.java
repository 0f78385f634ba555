package org.pot4j.data.numpy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.testkit.DataLoaderContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit contract on a folder of .npz samples (two inputs and a label each), through the plugin's factory. */
class NumpyDataLoaderContractTest extends DataLoaderContractTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeSamples() {
        for (int i = 0; i < 5; i++) {
            Map<String, byte[]> arrays = new LinkedHashMap<>();
            arrays.put("data", NpyFiles.npy("<f4", false, "(2, 2)", NpyFiles.f32(i, i + 0.5f, -i, 1)));
            arrays.put("scale", NpyFiles.npy(">f4", false, "(1,)", new byte[] {0x3f, (byte) 0x80, 0, 0}));
            arrays.put("label", NpyFiles.npy("<i4", false, "()", new byte[] {(byte) i, 0, 0, 0}));
            NpyFiles.npz(dir.resolve("s" + i + ".npz"), i % 2 == 0, arrays);
        }
    }

    @Override
    protected DataLoader createLoader() {
        return new NumpyDataLoaderFactory().create(Map.of("data_source", dir.toString(), "annotation_entry", "label"),
                new TestPluginContext());
    }

    @Override
    protected int samplesToCheck() {
        return 5;
    }
}
