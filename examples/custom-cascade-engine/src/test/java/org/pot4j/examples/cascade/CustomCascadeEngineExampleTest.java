package org.pot4j.examples.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.Pot;
import org.pot4j.PotEngine;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/** The example on the embedded samples: both stages quantized from their own statistics, INT8 close to FP32. */
class CustomCascadeEngineExampleTest {
    private static final Path SAMPLES = Path.of("..", "..", "samples").toAbsolutePath().normalize();
    private static final Path IMAGES = SAMPLES.resolve("images");
    private static final Path XML = SAMPLES.resolve("squeezenet1.1/squeezenet1.1.xml");

    @TempDir
    static Path tmp;
    private static Path output;
    private static String printed;

    /** Runs the example once, as its main does: POT's six steps into a temporary folder. */
    @BeforeAll
    static void runTheExample() {
        output = tmp.resolve("out");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CustomCascadeEngineExample.run(new String[] {IMAGES.toString(), XML.toString(), output.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bothStagesAreSavedWithFakeQuantizeNodesFromTheirOwnStatistics() throws IOException {
        for (String stage : List.of("overview", "zoom")) {
            Path xml = output.resolve("zoom_" + stage + ".xml");
            assertTrue(Files.isRegularFile(xml), xml + " saved");
            assertTrue(Files.isRegularFile(output.resolve("zoom_" + stage + ".bin")));
            assertTrue(printed.contains("saved stage " + stage + ": " + xml), printed);
            Model saved = Pot.loadModel(Map.of("model_name", stage, "model", xml));
            long fakeQuantizes = saved.graph().nodes().stream().filter(n -> n.kind().equals(OpKinds.FAKE_QUANTIZE))
                    .count();
            assertTrue(fakeQuantizes > 20, stage + " has " + fakeQuantizes + " FakeQuantize nodes");
        }
        // the same network in both stages: only the activation ranges, measured on different inputs, tell them apart
        assertFalse(Arrays.equals(Files.readAllBytes(output.resolve("zoom_overview.bin")),
                Files.readAllBytes(output.resolve("zoom_zoom.bin"))), "each stage has its own statistics");
    }

    @Test
    void theInt8CascadeAgreesWithTheFp32OneOnTheTopClass() {
        Model fp32 = CustomCascadeEngineExample.loadCascade(XML, XML);
        Model int8 = CustomCascadeEngineExample.loadCascade(output.resolve("zoom_overview.xml"),
                output.resolve("zoom_zoom.xml"));
        DataLoader photos = CustomCascadeEngineExample.openPhotos(IMAGES);
        try (PotEngine engine = Pot.createCascadeEngine(Map.of("type", "reference"), new ZoomInCascade(), photos,
                null)) {
            Cascaded reference = Cascaded.run(engine.engine(), fp32, photos);
            Cascaded quantized = Cascaded.run(engine.engine(), int8, photos);
            assertEquals(List.of(2, 1, 1, 1, 2, 2, 1, 2, 2, 1), reference.stages(),
                    "the photos whose overview is below 0.3 sure go through the zoom stage");
            int agree = 0;
            for (int i = 0; i < photos.size(); i++) {
                agree += reference.top1().get(i).equals(quantized.top1().get(i)) ? 1 : 0;
            }
            System.out.printf("FP32 top-1 %s (stages %s), INT8 top-1 %s (stages %s): %d of %d agree%n",
                    reference.top1(), reference.stages(), quantized.top1(), quantized.stages(), agree, photos.size());
            assertTrue(agree >= 8, agree + " of " + photos.size() + " photos agree");
        }
    }

    @Test
    void aOneStageCascadeIsRefusedWhenLoaded() {
        Model one = Pot.loadModel(Map.of("model_name", "alone", "cascade", List.of(Map.of("name", "only", "model", XML))));
        try (PotEngine engine = Pot.createCascadeEngine(Map.of(), new ZoomInCascade(),
                CustomCascadeEngineExample.openPhotos(IMAGES), null)) {
            EngineException e = assertThrows(EngineException.class, () -> engine.engine().setModel(one));
            assertEquals("the zoom-in cascade needs 2 stages (overview, then zoom), got 1: [only]", e.getMessage());
        }
    }

    @Test
    void aPhotoOfAnotherSizeIsRefusedNamingTheShapeWanted() {
        try (PotEngine engine = Pot.createCascadeEngine(Map.of(), new ZoomInCascade(),
                CustomCascadeEngineExample.openPhotos(IMAGES), null)) {
            engine.engine().setModel(CustomCascadeEngineExample.loadCascade(XML, XML));
            Tensor small = Tensor.of(new float[3 * 227 * 227], 3, 227, 227);
            DataException e = assertThrows(DataException.class, () -> engine.engine().infer(Map.of("", small)));
            assertTrue(e.getMessage().contains("photos of shape [3,454,454]"), e.getMessage());
        }
    }

    @Test
    void failuresPrintErrorAndExitWithOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = tmp.resolve("no-such-folder");
        int status = CustomCascadeEngineExample.run(new String[] {missing.toString(), XML.toString(),
                tmp.resolve("never").toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("error: ") && message.contains("no-such-folder"), message);
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void aThresholdThatNeverZoomsLeavesTheZoomStageWithoutStatistics() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CustomCascadeEngineExample.run(new String[] {IMAGES.toString(), XML.toString(),
                tmp.resolve("never-zoomed").toString(), "0"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("error: stage 'zoom' of cascade 'zoom' never ran on the 10 statistics samples"), message);
        assertFalse(Files.exists(tmp.resolve("never-zoomed")));
    }

    /** The cascade's top-1 class and the number of stages run, per photo. */
    private record Cascaded(List<Integer> top1, List<Integer> stages) {
        static Cascaded run(Engine engine, Model cascade, DataLoader photos) {
            engine.setModel(cascade);
            List<Integer> top1 = new ArrayList<>();
            List<Integer> stages = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                // a cascade engine takes one sample as the data loader gives it, without a batch axis
                Map<String, Tensor> out = engine.infer(Map.of(DataItem.UNNAMED, photos.get(i).inputs().get(DataItem.UNNAMED)));
                top1.add(argmax(out.get(ZoomInCascade.PROB).toFloatArray()));
                stages.add((int) out.get(ZoomInCascade.STAGES).toLongArray()[0]);
            }
            return new Cascaded(top1, stages);
        }

        private static int argmax(float[] values) {
            int best = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            return best;
        }
    }
}
