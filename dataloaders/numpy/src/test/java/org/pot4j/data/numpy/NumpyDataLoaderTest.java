package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;

class NumpyDataLoaderTest {
    @TempDir
    Path dir;

    private NumpyDataLoader open(Path source, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("data_source", source.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return NumpyDataLoader.open(NumpyLoaderConfig.fromMap(m));
    }

    private static Map<String, byte[]> arrays(Object... nameAndNpy) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndNpy.length; i += 2) {
            m.put((String) nameAndNpy[i], (byte[]) nameAndNpy[i + 1]);
        }
        return m;
    }

    @Test
    void folderOfNpyFilesIsOneSampleEachInPathOrder() {
        NpyFiles.write(dir.resolve("b.npy"), NpyFiles.npy("<f4", false, "(2,)", NpyFiles.f32(3, 4)));
        NpyFiles.write(dir.resolve("a.npy"), NpyFiles.npy("<f4", false, "(2,)", NpyFiles.f32(1, 2)));
        NpyFiles.write(dir.resolve("notes.txt"), new byte[] {1});
        NumpyDataLoader loader = open(dir, "input_name", "data");
        assertEquals(2, loader.size());
        DataItem first = loader.get(0);
        assertArrayEquals(new float[] {1, 2}, first.inputs().get("data").toFloatArray());
        assertEquals(dir.resolve("a.npy").toString(), first.metadata().get("file"));
        assertNull(first.annotation());
        assertArrayEquals(new float[] {3, 4}, loader.get(1).inputs().get("data").toFloatArray());
        assertTrue(open(dir).get(0).isUnnamed());
    }

    @Test
    void npzEntriesAreInputsStoredOrDeflated() {
        byte[] image = NpyFiles.npy("<f2", false, "(1, 2)", new byte[] {0, 0x3c, 0, 0x40});
        byte[] info = NpyFiles.npy("<i8", false, "(3,)", new byte[24]);
        NpyFiles.npz(dir.resolve("0.npz"), false, arrays("image", image, "im_info", info));
        NpyFiles.npz(dir.resolve("1.npz"), true, arrays("im_info", info, "image", image));
        NumpyDataLoader loader = open(dir);
        assertEquals(Set.of("image", "im_info"), loader.inputNames());
        for (int i = 0; i < 2; i++) {
            DataItem item = loader.get(i);
            assertEquals(ElementType.F16, item.inputs().get("image").elementType());
            assertArrayEquals(new float[] {1, 2}, item.inputs().get("image").toFloatArray());
            assertEquals(Shape.of(3), item.inputs().get("im_info").shape());
        }
    }

    @Test
    void annotationEntryBecomesTheAnnotation() {
        byte[] x = NpyFiles.npy("<f4", false, "(1,)", NpyFiles.f32(1));
        NpyFiles.npz(dir.resolve("0.npz"), true, arrays("x", x, "label", NpyFiles.npy("<i8", false, "()", new byte[] {7, 0, 0, 0, 0, 0, 0, 0})));
        NpyFiles.npz(dir.resolve("1.npz"), true, arrays("x", x, "label", NpyFiles.npy("<f4", false, "(2,)", NpyFiles.f32(0.5f, 2))));
        NumpyDataLoader loader = open(dir, "annotation_entry", "label");
        assertEquals(Set.of("x"), loader.get(0).inputs().keySet());
        assertEquals(7, loader.get(0).annotation());
        ArrayAnnotation boxes = (ArrayAnnotation) loader.get(1).annotation();
        assertArrayEquals(new float[] {0.5f, 2}, boxes.tensor().toFloatArray());
        assertEquals(boxes, loader.get(1).annotation());
        DataException e = assertThrows(DataException.class, () -> open(dir, "annotation_entry", "boxes"));
        assertTrue(e.getMessage().contains("0.npz") && e.getMessage().contains("'boxes'"), e.getMessage());
    }

    @Test
    void samplesWithDifferentInputsFailNamingTheFile() {
        byte[] x = NpyFiles.npy("<f4", false, "(1,)", NpyFiles.f32(1));
        NpyFiles.npz(dir.resolve("0.npz"), false, arrays("x", x));
        NpyFiles.npz(dir.resolve("1.npz"), false, arrays("y", x));
        DataException e = assertThrows(DataException.class, () -> open(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("1.npz").toString()) && e.getMessage().contains("[y]"), e.getMessage());
    }

    @Test
    void badArraysFailAtOpenNamingFileAndEntry() {
        NpyFiles.npz(dir.resolve("0.npz"), true, arrays("x", NpyFiles.npy("|O", false, "(2, 2)", new byte[32])));
        DataException e = assertThrows(DataException.class, () -> open(dir));
        assertTrue(e.getMessage().contains("0.npz entry 'x.npy'") && e.getMessage().contains("object arrays"), e.getMessage());
    }

    @Test
    void splitFirstAxisMakesOneSamplePerRow() {
        Path batch = NpyFiles.npz(dir.resolve("batch.npz"), true, arrays(
                "x", NpyFiles.npy("<f4", false, "(3, 2)", NpyFiles.f32(0, 1, 10, 11, 20, 21)),
                "label", NpyFiles.npy("|u1", false, "(3,)", new byte[] {5, 6, 7})));
        NumpyDataLoader loader = open(batch, "split_first_axis", true, "annotation_entry", "label");
        assertEquals(3, loader.size());
        DataItem row = loader.get(2);
        assertEquals(Shape.of(2), row.inputs().get("x").shape());
        assertArrayEquals(new float[] {20, 21}, row.inputs().get("x").toFloatArray());
        assertEquals(7, row.annotation());
        assertEquals(2, row.metadata().get("row"));
        assertEquals(1, open(batch).size());
    }

    @Test
    void splitNeedsEqualFirstAxes() {
        Path batch = NpyFiles.npz(dir.resolve("batch.npz"), false, arrays(
                "x", NpyFiles.npy("<f4", false, "(3, 2)", new byte[24]),
                "y", NpyFiles.npy("<f4", false, "(2,)", new byte[8])));
        DataException e = assertThrows(DataException.class, () -> open(batch, "split_first_axis", true));
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("axis 0"), e.getMessage());
        NpyFiles.write(dir.resolve("s.npy"), NpyFiles.npy("<f4", false, "()", new byte[4]));
        assertThrows(DataException.class, () -> open(dir.resolve("s.npy"), "split_first_axis", true));
    }

    @Test
    void splitOnAFolderIsAConfigurationError() {
        NpyFiles.write(dir.resolve("a.npy"), NpyFiles.npy("<f4", false, "(1,)", new byte[4]));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> open(dir, "split_first_axis", true));
        assertEquals("split_first_axis", e.keyPath());
    }

    @Test
    void emptyFolderMissingSourceAndCorruptArchivesFail() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertTrue(assertThrows(DataException.class, () -> open(empty)).getMessage().contains("no .npy or .npz"));
        assertTrue(assertThrows(DataException.class, () -> open(dir.resolve("none.npz"))).getMessage().contains("none.npz"));
        Path notZip = NpyFiles.write(dir.resolve("bad.npz"), "not a zip".getBytes());
        assertTrue(assertThrows(DataException.class, () -> open(notZip)).getMessage().contains("bad.npz"));
        byte[] zip = Files.readAllBytes(NpyFiles.npz(dir.resolve("ok.npz"), true,
                arrays("x", NpyFiles.npy("<f4", false, "(64,)", new byte[256]))));
        Path cut = NpyFiles.write(dir.resolve("cut.npz"), Arrays.copyOf(zip, zip.length / 2));
        assertTrue(assertThrows(DataException.class, () -> open(cut)).getMessage().contains("cut.npz"));
        Path other = dir.resolve("other");
        Files.createDirectory(other);
        NpyFiles.npz(other.resolve("x.npz"), false, Map.of("readme.txt", new byte[0]));
        assertTrue(assertThrows(DataException.class, () -> open(other)).getMessage().contains("must be a .npy"));
    }

    @Test
    void outOfRangeIndexFails() {
        NpyFiles.write(dir.resolve("a.npy"), NpyFiles.npy("<f4", false, "(1,)", new byte[4]));
        NumpyDataLoader loader = open(dir);
        assertThrows(IndexOutOfBoundsException.class, () -> loader.get(1));
        assertTrue(loader.description().contains("1 samples"));
    }
}
