package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;

class ImageLoaderConfigTest {
    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("data_source", "imgs");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static ConfigurationException fails(String key, Object... keyValues) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ImageLoaderConfig.fromMap(config(keyValues)));
        assertEquals(key, e.keyPath(), e.getMessage());
        return e;
    }

    @Test
    void defaults() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config());
        assertEquals(Path.of("imgs"), c.dataSource());
        assertEquals(ImageLayout.NCHW, c.layout());
        assertEquals(3, c.channels());
        assertFalse(c.resizes());
        assertEquals(0, c.height());
        assertEquals(ColorOrder.BGR, c.colorOrder());
        assertEquals(List.of(0.0, 0.0, 0.0), c.mean());
        assertEquals(List.of(1.0, 1.0, 1.0), c.scale());
        assertEquals(1.0, c.centralFraction());
        assertEquals(Interpolation.LINEAR, c.interpolation());
        assertEquals("", c.inputName());
        assertNull(c.labelsFile());
        assertEquals(0, c.labelOffset());
        assertFalse(c.skipBadSamples());
    }

    @Test
    void dataSourceIsRequired() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ImageLoaderConfig.fromMap(Map.of()));
        assertEquals("data_source", e.keyPath());
        fails("data_source", "data_source", 3);
        fails("data_source", "data_source", " ");
    }

    @Test
    void unknownKeyIsNamed() {
        ConfigurationException e = fails("resize_to", "resize_to", 3);
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void nchwInputShapeGivesLayoutChannelsAndSize() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 3, 227, 200)));
        assertEquals(ImageLayout.NCHW, c.layout());
        assertEquals(3, c.channels());
        assertEquals(227, c.height());
        assertEquals(200, c.width());
    }

    @Test
    void layoutIsGuessedFromEachRank() {
        assertEquals(ImageLayout.NHWC, ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 128, 128, 3))).layout());
        assertEquals(ImageLayout.CHW, ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 25, 25))).layout());
        assertEquals(ImageLayout.HWC, ImageLoaderConfig.fromMap(config("input_shape", List.of(25, 25, 3))).layout());
        ImageLoaderConfig gray = ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 1, 48, 48)));
        assertEquals(1, gray.channels());
        assertEquals(48, gray.width());
        fails("layout", "input_shape", List.of(1, 5, 8, 8));
    }

    @Test
    void fourChannelInputsAreBgraImages() {
        ImageLoaderConfig nchw = ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 4, 8, 6)));
        assertEquals(ImageLayout.NCHW, nchw.layout());
        assertEquals(4, nchw.channels());
        ImageLoaderConfig nhwc = ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 8, 6, 4)));
        assertEquals(ImageLayout.NHWC, nhwc.layout());
        assertEquals(4, nhwc.channels());
        assertEquals(6, nhwc.width());
        // a colour dimension of 1 or 3 wins over 4
        assertEquals(ImageLayout.NHWC, ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 4, 8, 3))).layout());
        fails("input_shape", "input_shape", List.of(1, 5, 8, 8), "layout", "NCHW");
    }

    @Test
    void givenLayoutWinsAndMustMatchTheRank() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 3, 3, 3), "layout", "nhwc"));
        assertEquals(ImageLayout.NHWC, c.layout());
        fails("layout", "input_shape", List.of(3, 8, 8), "layout", "NCHW");
        fails("layout", "layout", "NCWH");
        assertEquals(ImageLayout.HWC, ImageLoaderConfig.fromMap(config("layout", "HWC")).layout());
    }

    @Test
    void dynamicDimensionsMeanNoResize() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config("input_shape", Arrays.asList(-1, 3, null, -1)));
        assertFalse(c.resizes());
        assertEquals(3, c.channels());
        fails("input_shape[2]", "input_shape", List.of(1, 3, -2, 4));
        fails("input_shape", "input_shape", List.of(3, 4));
        fails("input_shape[2]", "input_shape", List.of(1, 3, 4.5, 4));
        fails("input_shape", "input_shape", "1,3,4,4");
    }

    @Test
    void channelDimensionMustBeOneOrThree() {
        fails("input_shape", "input_shape", List.of(1, 2, 8, 8), "layout", "NCHW");
    }

    @Test
    void sizeOverridesTheShape() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config("input_shape", List.of(1, 3, 227, 227), "size", List.of(10, 20)));
        assertEquals(10, c.height());
        assertEquals(20, c.width());
        fails("size", "size", List.of(10));
        fails("size", "size", List.of(0, 10));
    }

    @Test
    void channels() {
        assertEquals(1, ImageLoaderConfig.fromMap(config("channels", 1)).channels());
        fails("channels", "channels", 2);
        fails("channels", "channels", 3, "input_shape", List.of(1, 1, 8, 8));
        fails("channels", "channels", "three");
    }

    @Test
    void colorOrder() {
        assertEquals(ColorOrder.RGB, ImageLoaderConfig.fromMap(config("color_order", "rgb")).colorOrder());
        assertEquals(ColorOrder.BGR, ImageLoaderConfig.fromMap(config("color_order", "BGR")).colorOrder());
        fails("color_order", "color_order", "YUV");
    }

    @Test
    void meanAndScaleAreOneOrPerChannel() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config("mean", List.of(104, 117, 123), "scale", 58.8));
        assertEquals(List.of(104.0, 117.0, 123.0), c.mean());
        assertEquals(List.of(58.8, 58.8, 58.8), c.scale());
        fails("mean", "mean", List.of(1, 2));
        fails("mean[1]", "mean", List.of(1, "x", 3));
        fails("scale[2]", "scale", List.of(1, 1, 0));
        fails("scale[0]", "scale", 0);
        fails("mean", "mean", List.of());
    }

    @Test
    void centralFraction() {
        assertEquals(0.875, ImageLoaderConfig.fromMap(config("central_fraction", 0.875)).centralFraction());
        fails("central_fraction", "central_fraction", 0);
        fails("central_fraction", "central_fraction", 1.5);
        fails("central_fraction", "central_fraction", Double.NaN);
    }

    @Test
    void interpolation() {
        assertEquals(Interpolation.CUBIC, ImageLoaderConfig.fromMap(config("interpolation", "cubic")).interpolation());
        assertEquals(Interpolation.AREA, ImageLoaderConfig.fromMap(config("interpolation", "INTER_AREA")).interpolation());
        fails("interpolation", "interpolation", "bicubic");
    }

    @Test
    void inputNameLabelsAndSkipping() {
        ImageLoaderConfig c = ImageLoaderConfig.fromMap(config("input_name", "data", "labels_file", "labels.tsv",
                "label_offset", 1, "skip_bad_samples", true));
        assertEquals("data", c.inputName());
        assertEquals(Path.of("labels.tsv"), c.labelsFile());
        assertEquals(1, c.labelOffset());
        assertTrue(c.skipBadSamples());
        fails("label_offset", "label_offset", 0.5);
        fails("skip_bad_samples", "skip_bad_samples", "yes");
        fails("input_name", "input_name", 7);
    }
}
