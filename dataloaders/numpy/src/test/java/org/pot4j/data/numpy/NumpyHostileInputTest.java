package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Broken and hostile {@code .npy}/{@code .npz} files, each found by fuzzing: every one is either read correctly or
 * refused with a short {@link DataException} naming the file (and entry), never an unchecked exception, an error
 * or a tensor without data.
 */
class NumpyHostileInputTest {
    @TempDir
    Path dir;

    private static NumpyDataLoader open(Path source, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data_source", source.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return NumpyDataLoader.open(NumpyLoaderConfig.fromMap(m));
    }

    /** Opens the file and reads every sample. */
    private static void load(Path file) {
        NumpyDataLoader loader = open(file);
        for (int i = 0; i < loader.size(); i++) {
            loader.get(i);
        }
    }

    /** The message of the DataException that opening or reading {@code file} throws; it names the file and is short. */
    private static String refused(Path file) {
        DataException e = assertThrows(DataException.class, () -> load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().length() < file.toString().length() + 260, "short: " + e.getMessage());
        return e.getMessage();
    }

    private Path npy(String name, String dict, byte[] data) {
        return NpyFiles.write(dir.resolve(name), NpyFiles.npyWithHeader(dict.length() > 60_000 ? 2 : 1, dict, data));
    }

    private Path npy(String name, String descr, String shape, byte[] data) {
        return NpyFiles.write(dir.resolve(name), NpyFiles.npy(descr, false, shape, data));
    }

    @Test
    void shapeWhoseElementCountOverflowsIsRefusedNamingTheShape() {
        String m = refused(npy("a.npy", "<f4", "(4294967296, 4294967296)", new byte[0]));
        assertTrue(m.contains("shape [4294967296,4294967296] of f32 is too large"), m);
    }

    @Test
    void shapeWhoseByteSizeOverflowsToZeroIsRefusedNotAnEmptyTensor() {
        // 2^62 f32 elements are 2^64 bytes, 0 in 64-bit arithmetic: the file has no data and must not read as a tensor
        String m = refused(npy("a.npy", "<f4", "(4611686018427387904,)", new byte[0]));
        assertTrue(m.contains("shape [4611686018427387904] of f32 is too large"), m);
    }

    @Test
    void arraysLargerThan2GiBFailAtOpen() {
        Path file = npy("a.npy", "<f4", "(1073741824,)", new byte[0]);
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertTrue(e.getMessage().contains("needs 4294967296 bytes; a single array is limited to 2 GiB"), e.getMessage());
    }

    @Test
    void deeplyNestedHeaderIsAClearErrorNotAStackOverflow() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(300_000) + "}";
        String m = refused(npy("a.npy", dict, new byte[0]));
        assertTrue(m.contains(".npy header of ") && m.contains("longer than NumPy's limit of 10000"), m);
        // within the length limit, nesting is bounded too
        String nested = "{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(3000) + ")".repeat(3000) + ", }";
        m = refused(npy("b.npy", nested, new byte[4]));
        assertTrue(m.contains("nested more than 32 levels deep"), m);
    }

    @Test
    void headerLongerThanNumpysLimitIsRefused() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(20_000);
        String m = refused(npy("a.npy", dict, NpyFiles.f32(1)));
        assertTrue(m.contains("longer than NumPy's limit of 10000 (max_header_size)"), m);
    }

    @Test
    void dataLongerThanTheShapeNeedsIsRefusedAtOpen() {
        Path file = npy("a.npy", "<f4", "(2,)", NpyFiles.f32(1, 2, 3));
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertEquals(file + ": 12 data bytes, but shape [2] of f32 needs 8", e.getMessage());
    }

    @Test
    void dataShorterThanTheShapeNeedsIsRefusedAtOpen() {
        Path file = npy("a.npy", "<f4", "(2, 3)", NpyFiles.f32(1, 2, 3));
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertEquals(file + ": truncated data: shape [2,3] of f32 needs 24 bytes, found 12", e.getMessage());
    }

    @Test
    void fortranOrderArraysAreReadInCOrder() {
        // np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4)): element (i, j, k) = 12i + 4j + k lies at
        // i + 2j + 6k
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(96).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    data.putInt(4 * (i + 2 * j + 6 * k), 12 * i + 4 * j + k);
                }
            }
        }
        Path file = NpyFiles.write(dir.resolve("f.npy"), NpyFiles.npy("<i4", true, "(2, 3, 4)", data.array()));
        Tensor t = open(file).get(0).inputs().values().iterator().next();
        assertEquals(Shape.of(2, 3, 4), t.shape());
        long[] expected = new long[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, t.toLongArray());
        // big endian and Fortran order together, f64 (2, 2): [[1, 2], [3, 4]] stored as 1, 3, 2, 4
        java.nio.ByteBuffer be = java.nio.ByteBuffer.allocate(32);
        be.putDouble(1).putDouble(3).putDouble(2).putDouble(4);
        Path big = NpyFiles.write(dir.resolve("g.npy"), NpyFiles.npy(">f8", true, "(2, 2)", be.array()));
        assertArrayEquals(new float[] {1, 2, 3, 4}, open(big).get(0).inputs().values().iterator().next().toFloatArray());
    }

    @Test
    void fortranOrderMustBeABoolean() {
        String m = refused(npy("a.npy", "{'descr': '<f4', 'fortran_order': 1, 'shape': (1,), }", NpyFiles.f32(1)));
        assertTrue(m.endsWith("'fortran_order' must be True or False, got 1"), m);
    }

    @Test
    void unknownDtypesAreRefusedNamingTheDtype() {
        String m = refused(npy("a.npy", "{'descr': 3, 'fortran_order': False, 'shape': (1,), }", new byte[4]));
        assertTrue(m.contains("dtype 3 is not supported") && !m.contains("structured"), m);
        m = refused(npy("b.npy", "<f16", "(1,)", new byte[16]));
        assertTrue(m.contains("dtype '<f16' is not supported"), m);
    }

    @Test
    void moreDimensionsThanNumpyAllowsAreRefused() {
        String m = refused(npy("a.npy", "<f4", "(" + "1, ".repeat(65) + ")", NpyFiles.f32(1)));
        assertTrue(m.contains("shape has 65 dimensions, more than NumPy's 64"), m);
    }

    @Test
    void splittingMoreRowsThanALoaderHoldsIsRefused() {
        Path file = npy("a.npy", "<f4", "(3000000000, 0)", new byte[0]);
        DataException e = assertThrows(DataException.class, () -> open(file, "split_first_axis", true));
        assertTrue(e.getMessage().contains("3000000000 rows"), e.getMessage());
    }

    // ---- .npz

    private static Map<String, byte[]> arrays(Object... nameAndNpy) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndNpy.length; i += 2) {
            m.put((String) nameAndNpy[i], (byte[]) nameAndNpy[i + 1]);
        }
        return m;
    }

    private static final byte[] ONE = NpyFiles.npy("<f4", false, "(1,)", NpyFiles.f32(1));

    @Test
    void zipBombEntryIsRefusedBeforeItsDataIsAllocated() throws IOException {
        // 64 MiB of zeros deflate to 64 KiB; the central directory says the entry holds 128 bytes
        byte[] big = NpyFiles.npy("<f4", false, "(16777216,)", new byte[64 << 20]);
        byte[] zip = Files.readAllBytes(NpyFiles.npz(dir.resolve("tmp.npz"), true, arrays("x", big)));
        Path bomb = NpyFiles.write(dir.resolve("bomb.npz"), NpyFiles.withDeclaredSize(zip, "x.npy", 128));
        DataException e = assertThrows(DataException.class, () -> open(bomb));
        assertEquals(bomb + " entry 'x.npy': truncated data: shape [16777216] of f32 needs 67108864 bytes, found 0",
                e.getMessage());
    }

    @Test
    void entryInflatingToMoreThanItDeclaresIsRefused() throws IOException {
        byte[] padded = new byte[ONE.length + 4096];
        System.arraycopy(ONE, 0, padded, 0, ONE.length);
        byte[] zip = Files.readAllBytes(NpyFiles.npz(dir.resolve("tmp.npz"), true, arrays("x", padded)));
        Path lying = NpyFiles.write(dir.resolve("lying.npz"), NpyFiles.withDeclaredSize(zip, "x.npy", ONE.length));
        NumpyDataLoader loader = open(lying);
        DataException e = assertThrows(DataException.class, () -> loader.get(0));
        assertEquals(lying + " entry 'x.npy': more data than shape [1] of f32 needs (4 bytes)", e.getMessage());
    }

    @Test
    void entryWithMoreDataThanItsShapeNeedsIsRefusedAtOpen() {
        byte[] longer = NpyFiles.npy("<f4", false, "(1,)", NpyFiles.f32(1, 2));
        Path file = NpyFiles.npz(dir.resolve("a.npz"), false, arrays("x", longer));
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertEquals(file + " entry 'x.npy': 8 data bytes, but shape [1] of f32 needs 4", e.getMessage());
    }

    @Test
    void pathLikeEntryNamesAreOnlyNames() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path file = NpyFiles.npz(data.resolve("a.npz"), true, arrays("../x.npy", ONE, "/etc/abs.npy", ONE,
                "sub/y.npy", ONE));
        DataItem item = open(file).get(0);
        assertEquals(Set.of("../x", "/etc/abs", "sub/y"), item.inputs().keySet());
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(dir, data, file), all.sorted().toList(), "nothing is created beside or inside");
        }
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void twoEntriesOfOneNameAreRefused() throws IOException {
        // ZipOutputStream refuses duplicates: write a.npy and b.npy, then rename b.npy in every header
        byte[] zip = Files.readAllBytes(NpyFiles.npz(dir.resolve("tmp.npz"), false, arrays("a", ONE, "b", ONE)));
        String text = new String(zip, StandardCharsets.ISO_8859_1).replace("b.npy", "a.npy");
        Path file = NpyFiles.write(dir.resolve("dup.npz"), text.getBytes(StandardCharsets.ISO_8859_1));
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertEquals(file + " entry 'a.npy': the archive holds two entries of this name", e.getMessage());
    }

    @Test
    void entryWithAnEmptyArrayNameIsRefused() {
        Path file = NpyFiles.npz(dir.resolve("a.npz"), false, arrays(".npy", ONE));
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertEquals(file + " entry '.npy': the array has an empty name", e.getMessage());
    }

    @Test
    void entryCommentThatIsNotUtf8IsRefused() throws IOException {
        // found by the fuzz test: the JDK's ZipFile throws an IllegalArgumentException while listing such an entry
        Path tmp = dir.resolve("tmp.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp))) {
            java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry("x.npy");
            entry.setComment("@@@@");
            zip.putNextEntry(entry);
            zip.write(ONE);
            zip.closeEntry();
        }
        String text = new String(Files.readAllBytes(tmp), StandardCharsets.ISO_8859_1).replace("@@@@", "\u00ff\u00fe@@");
        Path file = NpyFiles.write(dir.resolve("comment.npz"), text.getBytes(StandardCharsets.ISO_8859_1));
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertTrue(e.getMessage().startsWith(file + ": not a readable .npz (zip) archive: an entry name or comment is "
                + "not valid UTF-8"), e.getMessage());
    }

    @Test
    void tooManyEntriesAreRefused() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= 4096; i++) {
            many.put("a" + i, ONE);
        }
        Path file = NpyFiles.npz(dir.resolve("many.npz"), false, many);
        DataException e = assertThrows(DataException.class, () -> open(file));
        assertEquals(file + ": the .npz archive has 4097 entries, more than the 4096 allowed", e.getMessage());
    }

    @Test
    void everyTypeStillReadsAfterTheChecks() {
        Path file = NpyFiles.npz(dir.resolve("ok.npz"), true, arrays("x", NpyFiles.npy("<f2", false, "(0, 3)", new byte[0]),
                "y", ONE));
        DataItem item = open(file).get(0);
        assertEquals(ElementType.F16, item.inputs().get("x").elementType());
        assertEquals(Shape.of(0, 3), item.inputs().get("x").shape());
        assertArrayEquals(new float[] {1}, item.inputs().get("y").toFloatArray());
    }
}
