package org.pot4j.engine.ort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The ONNX models of the shared assets that ONNX Runtime runs as they are (DefaultQuantization's test set,
 * AssetOnnxModels in plugins/default-quantization), each with its preprocessing (shared/assets/README.md), the batch
 * the tests run it at, and its calibration images.
 */
final class OrtAssetModels {
    private OrtAssetModels() {
    }

    /**
     * One model.
     *
     * @param batch  the batch the tests run: the model's fixed batch, else 2 (through the symbolic-batch copy for
     *               batch-1 exports), except BlazeFace (1: a constant of batch 1 is concatenated with activations)
     * @param sample one sample's shape, without the batch
     */
    record Spec(String name, String file, int batch, long[] sample, boolean nhwc, boolean bgr, double mean,
                double scale, String images) {
        @Override
        public String toString() {
            return name;
        }

        /** Samples of this model from its images. */
        DataLoader samples(Path assets, int count) {
            int h = (int) (nhwc ? sample[0] : sample[1]);
            int w = (int) (nhwc ? sample[1] : sample[2]);
            return new ImageSamples(ImageSamples.jpegs(assets.resolve("images").resolve(images), count), h, w, nhwc,
                    bgr, mean, scale);
        }

        /** The first {@link #batch()} samples stacked on a batch axis, for the model's only input. */
        Map<String, Tensor> batchOf(DataLoader samples) {
            List<Tensor> rows = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                Tensor t = samples.get(i % samples.size()).inputs().values().iterator().next();
                long[] dims = new long[sample.length + 1];
                dims[0] = 1;
                System.arraycopy(sample, 0, dims, 1, sample.length);
                rows.add(t.reshape(Shape.of(dims)));
            }
            return Map.of("", Tensor.concatBatch(rows));
        }
    }

    static final String IMAGENET = "imagenet-samples/images";
    static final String FACES = "faces/group-photos";

    private static Spec nchw(String name, String file, int batch, int h, int w, boolean bgr, double mean,
                             double scale, String images) {
        return new Spec(name, file, batch, new long[] {3, h, w}, false, bgr, mean, scale, images);
    }

    static final List<Spec> MODELS = List.of(
            nchw("mobilenet_v1_0.25_128", "onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx", 2, 128, 128,
                    false, 127.5, 127.5, IMAGENET),
            nchw("ultraface RFB-320", "onnx/ultraface/version-RFB-320.onnx", 2, 240, 320, false, 127, 128, FACES),
            nchw("ultraface slim-320", "onnx/ultraface/version-slim-320.onnx", 2, 240, 320, false, 127, 128, FACES),
            nchw("ultraface RFB-640", "onnx/ultraface/version-RFB-640.onnx", 2, 480, 640, false, 127, 128, FACES),
            new Spec("blazeface front 128", "onnx/blazeface/face_detection_front_128x128_barracuda.onnx", 1,
                    new long[] {128, 128, 3}, true, false, 127.5, 127.5, FACES),
            new Spec("blazeface back 256", "onnx/blazeface/face_detection_back_256x256_barracuda.onnx", 1,
                    new long[] {256, 256, 3}, true, false, 127.5, 127.5, FACES),
            nchw("mtcnn pnet", "onnx/mtcnn/pnet.onnx", 2, 120, 160, false, 127.5, 128, FACES),
            nchw("mtcnn rnet", "onnx/mtcnn/rnet.onnx", 2, 24, 24, false, 127.5, 128, FACES),
            nchw("mtcnn onet", "onnx/mtcnn/onet.onnx", 2, 48, 48, false, 127.5, 128, FACES),
            nchw("mtcnn-caffe pnet", "onnx/mtcnn-caffe-transposed/optimaizer_pnet.onnx", 2, 12, 12, false, 127.5,
                    128, FACES),
            nchw("mtcnn-caffe rnet", "onnx/mtcnn-caffe-transposed/optimaizer_rnet.onnx", 2, 24, 24, false, 127.5,
                    128, FACES),
            nchw("mtcnn-caffe onet", "onnx/mtcnn-caffe-transposed/optimaizer_onet.onnx", 2, 48, 48, false, 127.5,
                    128, FACES),
            nchw("seetaface2 pnet", "onnx/seetaface2/pnet.onnx", 2, 51, 68, true, 0, 1, FACES),
            nchw("seetaface2 rnet", "onnx/seetaface2/rnet.onnx", 10, 24, 24, true, 0, 1, FACES),
            nchw("seetaface2 onet", "onnx/seetaface2/onet.onnx", 5, 48, 48, true, 0, 1, FACES));
}
