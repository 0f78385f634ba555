package org.pot4j.data.torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.testkit.DataLoaderContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit contract on the torch-style loader over a folder of images made here, ImageNet-normalised. */
class TorchStyleContractTest extends DataLoaderContractTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeImages() throws IOException {
        ImageFolderDatasetTest.writeRgb(dir.resolve("0.jpg"), "jpg", 30, 40, 0x204060);
        ImageFolderDatasetTest.writeRgb(dir.resolve("1.png"), "png", 17, 9, 0x802000);
        ImageFolderDatasetTest.writeGray(dir.resolve("2.png"), 12, 12, 77);
        ImageFolderDatasetTest.writeRgb(dir.resolve("3.bmp"), "bmp", 8, 20, 0x0000f0);
    }

    @Override
    protected DataLoader createLoader() {
        return new TorchStyleDataLoaderFactory().create(Map.of("data_source", dir.toString(), "resize", List.of(10),
                "center_crop", List.of(8), "mean", List.of(0.485, 0.456, 0.406), "std", List.of(0.229, 0.224, 0.225)),
                new TestPluginContext());
    }
}
