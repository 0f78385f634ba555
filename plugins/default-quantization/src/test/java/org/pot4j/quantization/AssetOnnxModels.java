package org.pot4j.quantization;

import java.util.List;
import java.util.Map;

/**
 * Every ONNX model of the shared assets with its preprocessing (shared/assets/README.md) and calibration images, for
 * the INT8 benchmark and the integer-kernel test; and the asset files left out, with why.
 */
final class AssetOnnxModels {
    private AssetOnnxModels() {
    }

    /**
     * One model's preprocessing.
     *
     * @param shape  the calibration input shape, batch 1 (a fixed size for dynamic spatial inputs)
     * @param images a folder or glob under the assets' {@code images/}
     * @param note   what is special about it, printed
     */
    record Spec(String name, String file, List<Integer> shape, String layout, String colorOrder, double mean,
                        double scale, String images, String note) {
    }

    static final String IMAGENET = "imagenet-samples/images";
    static final String FACES = "faces/**/*";

    /** The models, their preprocessing (shared/assets/README.md) and calibration images. */
    static final List<Spec> MODELS = List.of(
            new Spec("mobilenet_v1_0.25_128", "mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx",
                    List.of(1, 3, 128, 128), "NCHW", "RGB", 127.5, 127.5, IMAGENET, "central crop 87.5 %"),
            new Spec("ultraface RFB-320", "ultraface/version-RFB-320.onnx", List.of(1, 3, 240, 320), "NCHW", "RGB",
                    127, 128, FACES, ""),
            new Spec("ultraface slim-320", "ultraface/version-slim-320.onnx", List.of(1, 3, 240, 320), "NCHW", "RGB",
                    127, 128, FACES, ""),
            new Spec("ultraface RFB-640", "ultraface/version-RFB-640.onnx", List.of(1, 3, 480, 640), "NCHW", "RGB",
                    127, 128, FACES, ""),
            new Spec("blazeface front 128", "blazeface/face_detection_front_128x128_barracuda.onnx",
                    List.of(1, 128, 128, 3), "NHWC", "RGB", 127.5, 127.5, FACES, ""),
            new Spec("blazeface back 256", "blazeface/face_detection_back_256x256_barracuda.onnx",
                    List.of(1, 256, 256, 3), "NHWC", "RGB", 127.5, 127.5, FACES, ""),
            new Spec("mtcnn pnet", "mtcnn/pnet.onnx", List.of(1, 3, 120, 160), "NCHW", "RGB", 127.5, 128, FACES,
                    "dynamic HxW input, measured at the fixed 120x160"),
            new Spec("mtcnn rnet", "mtcnn/rnet.onnx", List.of(1, 3, 24, 24), "NCHW", "RGB", 127.5, 128, FACES,
                    "calibrated on whole photos resized, not face crops"),
            new Spec("mtcnn onet", "mtcnn/onet.onnx", List.of(1, 3, 48, 48), "NCHW", "RGB", 127.5, 128, FACES,
                    "calibrated on whole photos resized, not face crops"),
            new Spec("mtcnn-caffe pnet", "mtcnn-caffe-transposed/optimaizer_pnet.onnx", List.of(1, 3, 12, 12),
                    "NCHW", "RGB", 127.5, 128, FACES, "input declared 1x3x?x?, but a constant Reshape to 1x2x1x1 "
                    + "before its softmax makes 12x12 the only size it runs at; calibration images not transposed"),
            new Spec("mtcnn-caffe rnet", "mtcnn-caffe-transposed/optimaizer_rnet.onnx", List.of(1, 3, 24, 24), "NCHW",
                    "RGB", 127.5, 128, FACES, "calibration images not transposed"),
            new Spec("mtcnn-caffe onet", "mtcnn-caffe-transposed/optimaizer_onet.onnx", List.of(1, 3, 48, 48), "NCHW",
                    "RGB", 127.5, 128, FACES, "calibration images not transposed"),
            new Spec("seetaface2 pnet", "seetaface2/pnet.onnx", List.of(1, 3, 51, 68), "NCHW", "BGR", 0, 1, FACES,
                    "raw 0..255 BGR"),
            new Spec("seetaface2 rnet", "seetaface2/rnet.onnx", List.of(1, 3, 24, 24), "NCHW", "BGR", 0, 1, FACES,
                    "raw 0..255 BGR"),
            new Spec("seetaface2 onet", "seetaface2/onet.onnx", List.of(1, 3, 48, 48), "NCHW", "BGR", 0, 1, FACES,
                    "raw 0..255 BGR"));

    /** Asset ONNX files deliberately left out, and why. */
    static final Map<String, String> SKIPPED = Map.of(
            "mobilenet_v1_0.25_128/mobilenet_v1_0.25_128_quant.onnx", "already quantized (TensorFlow QAT reference)",
            "mtcnn-caffe-transposed/det2.onnx", "broken: ONNX Runtime refuses its Reshape",
            "seetaface2/Points5_Net_all.onnx", "ONNX Runtime cannot load it (custom op ShapeIndexPatch)");

}
