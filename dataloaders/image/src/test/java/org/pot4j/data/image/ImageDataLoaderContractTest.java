package org.pot4j.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.testkit.DataLoaderContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit contract on a folder of JPEG, PNG and BMP files made here, through the plugin's factory. */
class ImageDataLoaderContractTest extends DataLoaderContractTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeImages() throws IOException {
        TestImages.write(dir.resolve("0.jpg"), "jpg", 40, 30, (y, x) -> TestImages.rgb(x * 8, y * 6, 99));
        TestImages.writeGray(dir.resolve("1.jpg"), "jpg", 20, 50, (y, x) -> (x + y) * 3);
        TestImages.write(dir.resolve("2.png"), "png", 17, 23, (y, x) -> TestImages.rgb(y, x, x + y));
        TestImages.write(dir.resolve("3.bmp"), "bmp", 9, 9, (y, x) -> TestImages.rgb(200, 100, 50));
        TestImages.write(dir.resolve("4.png"), "png", 64, 48, (y, x) -> TestImages.rgb(x * 5, 255 - y * 3, 7));
        Files.writeString(dir.resolve("labels.txt"), "0\t0.jpg\n1\t1.jpg\n2\t2.png\n3\t3.bmp\n4\t4.png\n");
    }

    @Override
    protected DataLoader createLoader() {
        return new ImageDataLoaderFactory().create(Map.of("data_source", dir.toString(), "input_shape", List.of(1, 3, 16, 16),
                "mean", List.of(104, 117, 123), "labels_file", dir.resolve("labels.txt").toString()), new TestPluginContext());
    }

    @Override
    protected int samplesToCheck() {
        return 5;
    }
}
