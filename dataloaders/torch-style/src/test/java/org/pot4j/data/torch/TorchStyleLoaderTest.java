package org.pot4j.data.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.error.DataException;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.TestPluginContext;

class TorchStyleLoaderTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheTorchStyleLoader() {
        List<DataLoaderFactory> factories = ServiceLoader.load(Pot4jPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof TorchStyleLoaderPlugin)
                .flatMap(p -> p.dataLoaders().stream())
                .toList();
        assertEquals(1, factories.size());
        assertEquals("torch-style", factories.get(0).name());
    }

    @Test
    void configuredPipelineResizesCropsScalesNormalizesAndSwaps() throws IOException {
        ImageFolderDatasetTest.writeRgb(dir.resolve("a.png"), "png", 4, 8, 0x336600);
        DataLoader loader = new TorchStyleDataLoaderFactory().create(Map.of("data_source", dir.toString(),
                "resize", List.of(2), "center_crop", List.of(2), "mean", List.of(0.2, 0.4, 0.0), "std", List.of(0.5, 0.5, 1),
                "color_order", "BGR", "input_name", "x"), new TestPluginContext());
        DataItem item = loader.get(0);
        Tensor t = item.inputs().get("x");
        assertEquals(Shape.of(3, 2, 2), t.shape());
        float[] v = t.toFloatArray();
        assertEquals((0x33 / 255f - 0.2f) / 0.5f, v[8], 1e-6);  // red is last after the BGR swap
        assertEquals((0x66 / 255f - 0.4f) / 0.5f, v[4], 1e-6);
        assertEquals(dir.resolve("a.png").toString(), item.metadata().get("file"));
        assertTrue(loader.description().contains("Resize(2)"), loader.description());
    }

    @Test
    void adapterNamesTheSampleOfAFailure() {
        Dataset<Tensor> broken = DatasetsTest.numbers(0, 3).map(i -> {
            if (i == 2) {
                throw new IllegalStateException("bad value");
            }
            return Tensor.scalar(i);
        });
        DatasetDataLoader<Tensor> loader = DatasetDataLoader.ofTensors(broken, "numbers");
        assertArrayEquals(new float[] {1}, loader.get(1).inputs().get("").toFloatArray());
        DataException e = assertThrows(DataException.class, () -> loader.get(2));
        assertTrue(e.getMessage().startsWith("sample 2 of numbers"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> loader.get(3));
    }
}
