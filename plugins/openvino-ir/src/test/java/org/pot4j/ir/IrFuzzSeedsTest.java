package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;

/** The committed seed corpus of {@link IrReaderFuzzTest} is what {@link IrFuzzSeeds} builds, and each seed reads. */
class IrFuzzSeedsTest {
    @TempDir
    Path dir;

    @Test
    void committedSeedsAreUpToDate() throws IOException {
        for (Map.Entry<String, String> e : IrFuzzSeeds.xmlSeeds().entrySet()) {
            assertEquals(e.getValue(), Files.readString(IrFuzzSeeds.RESOURCES.resolve("xml").resolve(e.getKey())),
                    e.getKey() + " (rerun IrFuzzSeeds.main from the module folder)");
        }
        for (Map.Entry<String, byte[]> e : IrFuzzSeeds.binSeeds().entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(IrFuzzSeeds.RESOURCES.resolve("bin").resolve(e.getKey())),
                    e.getKey());
        }
    }

    @Test
    void everyXmlSeedReadsWithTheSharedBin() throws IOException {
        Files.write(dir.resolve("seed.bin"), IrFuzzSeeds.xmlSeedsBin());
        for (Map.Entry<String, String> e : IrFuzzSeeds.xmlSeeds().entrySet()) {
            Path xml = Files.writeString(dir.resolve("seed.xml"), e.getValue());
            IrModel model = new IrModelFormat().read(ModelSource.of(xml));
            IrReaderFuzzTest.readViewAndRewrite(xml, Optional.empty(), dir.resolve(e.getKey()));
            assertEquals(true, model.graph().nodes().size() > 3, e.getKey());
        }
    }

    @Test
    void theBinSeedsReadOrFailAsExpected() throws IOException {
        Path xml = Files.writeString(dir.resolve("zoo.xml"), IrFuzzSeeds.binTargetXml());
        Map<String, byte[]> seeds = IrFuzzSeeds.binSeeds();
        Path good = Files.write(dir.resolve("good.bin"), seeds.get("zoo.bin"));
        new IrModelFormat().read(new ModelSource(xml, Optional.of(good), null));
        Path truncated = Files.write(dir.resolve("short.bin"), seeds.get("zoo-truncated.bin"));
        assertThrows(ModelFormatException.class,
                () -> new IrModelFormat().read(new ModelSource(xml, Optional.of(truncated), null)));
    }
}
