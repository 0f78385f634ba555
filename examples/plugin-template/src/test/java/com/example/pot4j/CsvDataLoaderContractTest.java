package com.example.pot4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.DataException;
import org.pot4j.testkit.DataLoaderContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit's loader contract, plus what this loader promises itself. */
class CsvDataLoaderContractTest extends DataLoaderContractTest {
    @TempDir
    Path dir;

    @Override
    protected DataLoader createLoader() {
        return ExampleFixtures.loader(dir);
    }

    @Test
    void rowsBecomeSamplesAndTheLabelColumnTheAnnotation() {
        DataItem second = createLoader().get(1);
        assertArrayEquals(new float[] {0.5f, 0.25f, -1f, 2f}, second.inputs().get(DataItem.UNNAMED).toFloatArray());
        assertEquals(1, second.annotation());
    }

    @Test
    void aBadValueIsReportedWithFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2,3,4\n1,x,3,4\n");
        DataException e = assertThrows(DataException.class, () -> new CsvDataLoaderFactory().create(
                Map.of("file", bad.toString(), "shape", List.of(4)), new TestPluginContext()));
        assertTrue(e.getMessage().endsWith("bad.csv:2: column 2 is not a number: 'x'"), e.getMessage());
    }

    @Test
    void dataSourceNamesTheFileAsPot4jDataPassesIt() {
        DataLoader loader = new CsvDataLoaderFactory().create(Map.of("data_source", ExampleFixtures.csv(dir).toString(),
                "shape", List.of(4), "label_column", 4), new TestPluginContext());
        assertEquals(ExampleFixtures.loader(dir).size(), loader.size());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new CsvDataLoaderFactory().create(
                Map.of("shape", List.of(4)), new TestPluginContext()));
        assertEquals("data_source", e.keyPath());
    }
}
