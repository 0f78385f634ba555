package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run may write, with what permissions, and what a failed run leaves. */
class OutputHardeningTest {
    @TempDir
    Path tmp;

    private static String images() {
        return CliRun.repoRoot().resolve("samples/images").toString();
    }

    @Test
    void aModelNameWithAPathIsAUsageErrorAndNothingIsWrittenOutside() {
        Path outside = tmp.resolve("outside/x");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.asLauncher("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(), "--name",
                outside.toString(), "--output-dir", out.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: --name: model name '" + outside + "' is not a plain file name"), r.err());
        assertFalse(Files.exists(tmp.resolve("outside")), "nothing outside --output-dir");
        assertFalse(Files.exists(out), "nothing at all");

        CliRun dots = CliRun.asLauncher("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(), "-n",
                "..", "--output-dir", out.toString());
        assertEquals(2, dots.exitCode(), dots.toString());
        assertTrue(dots.err().startsWith("error: --name: model name '..' is not a plain file name"), dots.err());
    }

    @Test
    void aConfiguredModelNameWithAPathNamesItsKey() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.json"), """
                {"model": {"model_name": "../../escaped", "model": "%s"},
                 "engine": {"type": "simplified", "data_source": "%s"},
                 "compression": {"algorithms": [{"name": "DefaultQuantization"}]}}
                """.formatted(CliRun.squeezenet(), images()));
        Path out = Files.createDirectories(tmp.resolve("a/b/out"));
        CliRun r = CliRun.of("-c", config.toString(), "--output-dir", out.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: model.model_name: model name '../../escaped' is not a plain file name"),
                r.err());
        try (Stream<Path> s = Files.walk(tmp.resolve("a"))) {
            assertEquals(2, s.count() - 1, "only a/b and a/b/out: nothing written");
        }
    }

    @Test
    void savedFilesAreNoMoreReadableThanTheInputModel() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path xml = Files.copy(CliRun.squeezenet(), tmp.resolve("private.xml"));
        Path bin = Files.copy(CliRun.squeezenet().resolveSibling("squeezenet1.1.bin"), tmp.resolve("private.bin"));
        for (Path p : new Path[] {xml, bin}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("quantize", "-m", xml.toString(), "--data", images(), "--subset-size", "2", "-d",
                "--output-dir", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String file : new String[] {"private.xml", "private.bin"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    out.resolve("optimized").resolve(file))), file);
        }
        Path fresh = Files.createFile(tmp.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(out.resolve("log.txt")),
                "the log gets the mode of any new file (the umask)");
    }

    @Test
    void directDumpIntoAFolderThatCannotBeWrittenFailsBeforeAnyWork() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("readonly"));
        try (ReadOnlyFolder readOnly = ReadOnlyFolder.of(out)) {
            for (String[] direct : new String[][] {{"-d"}, {}}) {
                String[] args = Stream.concat(Stream.of("quantize", "-m", CliRun.squeezenet().toString(), "--data",
                        images(), "--output-dir", out.toString()), Stream.of(direct)).toArray(String[]::new);
                CliRun r = CliRun.of(args);
                assertEquals(1, r.exitCode(), r.toString());
                assertTrue(r.err().startsWith("error: cannot write into the output folder " + out.toAbsolutePath()),
                        r.err());
                assertFalse(r.out().contains("Loading model"), "no work was done:\n" + r.out());
            }
        }
    }

    /** A folder made unwritable for the test: mode 0555, or for root (which ignores modes) the immutable flag. */
    private static final class ReadOnlyFolder implements AutoCloseable {
        private final Path folder;
        private final boolean immutable;

        private ReadOnlyFolder(Path folder, boolean immutable) {
            this.folder = folder;
            this.immutable = immutable;
        }

        static ReadOnlyFolder of(Path folder) throws IOException, InterruptedException {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!writable(folder)) {
                return new ReadOnlyFolder(folder, false);
            }
            boolean set = chattr("+i", folder);
            ReadOnlyFolder made = new ReadOnlyFolder(folder, set);
            if (!set || writable(folder)) {
                made.close();
                Assumptions.abort("cannot make " + folder + " unwritable here (root without chattr)");
            }
            return made;
        }

        private static boolean writable(Path folder) {
            try {
                Files.delete(Files.createFile(folder.resolve("probe")));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean chattr(String flag, Path folder) throws IOException, InterruptedException {
            try {
                Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (immutable) {
                    chattr("-i", folder);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
