package org.pot4j.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.Pot;
import org.pot4j.PotEngine;
import org.pot4j.SavedModel;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** The quick start on the sample SqueezeNet and photos: what it saves, and that the INT8 model still classifies. */
class QuickstartTest {
    private static final Path SAMPLES = Path.of("..", "..", "samples").toAbsolutePath().normalize();
    private static final Path XML = SAMPLES.resolve("squeezenet1.1/squeezenet1.1.xml");
    private static final Path BIN = SAMPLES.resolve("squeezenet1.1/squeezenet1.1.bin");
    private static final Path IMAGES = SAMPLES.resolve("images");
    /** ImageNet's cat classes: tabby, tiger cat, Persian, Siamese, Egyptian cat. */
    private static final int FIRST_CAT = 281;
    private static final int LAST_CAT = 285;
    /** The FP32 probability above which the INT8 model must give the same class. */
    private static final float CONFIDENT = 0.3f;

    @TempDir
    Path tmp;

    @Test
    void quantizesTheSampleModelAndItsInt8OutputAgreesWithFp32() throws IOException {
        List<SavedModel> saved = Quickstart.run(XML, IMAGES, tmp.resolve("optimized_model"), 10);

        Path xml = tmp.resolve("optimized_model/optimized_model.xml");
        Path bin = tmp.resolve("optimized_model/optimized_model.bin");
        assertEquals(List.of(new SavedModel("optimized_model", xml, Optional.of(bin))), saved);
        assertTrue(Files.size(xml) > 0 && Files.size(bin) > 0, "both files are written");
        // the sample's weights are FP16; compressed weights are int8 (plus a scale per output channel)
        System.out.printf("weights: FP16 %d bytes, INT8 %d bytes%n", Files.size(BIN), Files.size(bin));
        assertTrue(Files.size(bin) < 0.6 * Files.size(BIN), "int8 weights take little more than half of FP16's");

        Model fp32 = Pot.loadModel(Map.of("model_name", "fp32", "model", XML, "weights", BIN));
        Model int8 = Pot.loadModel(Map.of("model_name", "int8", "model", xml, "weights", bin));
        long convolutions = count(int8, OpKinds.CONVOLUTION);
        long fakeQuantizes = count(int8, OpKinds.FAKE_QUANTIZE);
        System.out.printf("saved model: %d Convolution, %d FakeQuantize%n", convolutions, fakeQuantizes);
        // the weights' FakeQuantize nodes became int8 constants; one on the input of every convolution remains
        assertEquals(count(fp32, OpKinds.CONVOLUTION), convolutions);
        assertTrue(fakeQuantizes >= convolutions, fakeQuantizes + " FakeQuantize, " + convolutions + " convolutions");
        assertEquals(0, count(fp32, OpKinds.FAKE_QUANTIZE));

        ImageLoader photos = new ImageLoader(IMAGES);
        List<float[]> fp32Probabilities = probabilities(fp32, photos);
        List<float[]> int8Probabilities = probabilities(int8, photos);
        int agree = 0;
        for (int i = 0; i < photos.size(); i++) {
            float[] fp32Output = fp32Probabilities.get(i);
            float[] int8Output = int8Probabilities.get(i);
            int fp32Class = top1(fp32Output);
            int int8Class = top1(int8Output);
            System.out.printf(Locale.ROOT, "%-22s FP32 %4d (p %.3f)  INT8 %4d (p %.3f)%n",
                    photos.files().get(i).getFileName(), fp32Class, fp32Output[fp32Class], int8Class,
                    int8Output[int8Class]);
            agree += fp32Class == int8Class ? 1 : 0;
            // where FP32 is sure of itself, INT8 gives the same class; elsewhere it still picks one of FP32's top 5
            if (fp32Output[fp32Class] >= CONFIDENT) {
                assertEquals(fp32Class, int8Class, photos.files().get(i) + ": FP32 is confident, INT8 must agree");
            }
            assertTrue(rankOf(fp32Output, int8Class) < 5, photos.files().get(i) + ": INT8's class " + int8Class
                    + " is not among FP32's top 5");
        }
        System.out.printf("top-1 agreement FP32 vs INT8: %d of %d%n", agree, photos.size());
        assertTrue(agree >= 7, "INT8 and FP32 agree on " + agree + " of " + photos.size() + " photos");

        int chelsea = photos.files().indexOf(IMAGES.resolve("chelsea.png"));
        assertTrue(isCat(top1(fp32Probabilities.get(chelsea))), "FP32 sees a cat in chelsea.png");
        assertTrue(isCat(top1(int8Probabilities.get(chelsea))), "INT8 sees a cat in chelsea.png");
    }

    @Test
    void theCommandLinePrintsWhereItSavedOrOneErrorLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = tmp.resolve("missing.xml");
        int code = Quickstart.execute(new String[] {missing.toString(), IMAGES.toString(), tmp.toString()},
                print(out), print(err));
        assertEquals(1, code);
        assertEquals("error: model.model: file not found: " + missing + System.lineSeparator(), text(err));
        assertEquals("", text(out));

        err.reset();
        assertEquals(2, Quickstart.execute(new String[] {"a", "b", "c", "d"}, print(out), print(err)));
        assertTrue(text(err).startsWith("error: expected at most 3 arguments, got 4" + System.lineSeparator()
                + "usage: Quickstart [model.xml] [images folder] [output folder]"), text(err));

        assertEquals(0, Quickstart.execute(new String[] {"--help"}, print(out), print(err)));
        assertTrue(text(out).startsWith("usage: Quickstart"), text(out));
    }

    /** The 1000 ImageNet class probabilities of every photo. */
    private static List<float[]> probabilities(Model model, ImageLoader photos) {
        List<float[]> outputs = new ArrayList<>();
        try (PotEngine engine = Pot.createEngine(Map.of("type", "reference"), photos)) {
            engine.engine().setModel(model);
            for (int i = 0; i < photos.size(); i++) {
                Tensor image = photos.get(i).inputs().get(DataItem.UNNAMED);
                Tensor batchOf1 = image.reshape(Shape.of(1, 3, 227, 227));
                Map<String, Tensor> output = engine.engine().infer(Map.of("data", batchOf1));
                assertEquals(1, output.size(), "one output: " + output.keySet());
                Tensor probabilities = output.values().iterator().next();
                assertEquals(1000, probabilities.shape().elementCount(), "1000 ImageNet classes");
                outputs.add(probabilities.toFloatArray());
            }
        }
        return outputs;
    }

    private static long count(Model model, String kind) {
        return model.graph().nodes().stream().filter(n -> n.kind().equals(kind)).count();
    }

    /** The most probable class. */
    private static int top1(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            best = probabilities[i] > probabilities[best] ? i : best;
        }
        return best;
    }

    /** The position of a class among the classes sorted by decreasing probability (0: the most probable). */
    private static int rankOf(float[] probabilities, int imagenetClass) {
        int higher = 0;
        for (float p : probabilities) {
            higher += p > probabilities[imagenetClass] ? 1 : 0;
        }
        return higher;
    }

    private static boolean isCat(int imagenetClass) {
        return imagenetClass >= FIRST_CAT && imagenetClass <= LAST_CAT;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
