"""Benchmark helper (not part of pot4j, never a test or build dependency): quantizes an ONNX model with ONNX
Runtime's own static quantizer, for OnnxInt8Benchmark's side-by-side "peer" column.

Usage: python ort_quantize_static.py MODEL.onnx CALIBRATION_DIR OUTPUT.onnx

CALIBRATION_DIR holds one .npz per sample, arrays keyed by graph input name. Settings: QDQ format, QUInt8
activations, QInt8 weights, per-channel weights, MinMax calibration, after ORT's recommended pre-processing
(quant_pre_process: symbolic shape inference, ORT basic graph optimization, ONNX shape inference; where its sympy
dependency is missing, the last two steps alone, and the line says so). Initializers that an old
exporter also lists as graph inputs are first removed from the inputs (what ORT's own warning recommends,
remove_initializer_from_input.py), otherwise ORT cannot constant-fold or fuse them, and a model below opset 13 is
converted to 13 (per-channel DequantizeLinear needs its axis attribute). If pre-processing fails, the raw
model is quantized and the printed line says so. Prints exactly one line on stdout.
"""
import glob
import os
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime as ort
from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                      quantize_static)
from onnxruntime.quantization.shape_inference import quant_pre_process


class NpzReader(CalibrationDataReader):
    def __init__(self, folder):
        self.files = sorted(glob.glob(os.path.join(folder, "*.npz")))
        self.it = iter(self.files)

    def get_next(self):
        f = next(self.it, None)
        if f is None:
            return None
        with np.load(f) as z:
            return {k: z[k] for k in z.files}

    def rewind(self):
        self.it = iter(self.files)


def main(model_in, calib_dir, model_out):
    ort.set_default_logger_severity(3)
    work = tempfile.mkdtemp(prefix="ort-peer-")
    notes = []
    model = onnx.load(model_in)
    inits = {i.name for i in model.graph.initializer}
    listed = [i for i in model.graph.input if i.name in inits]
    if listed:
        for i in listed:
            model.graph.input.remove(i)
        notes.append("%d initializers removed from graph inputs" % len(listed))
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    if opset < 13:
        # per-channel DequantizeLinear (axis) needs opset 13; ORT's quantizer only lifts opsets below 11 (to 11)
        try:
            model = onnx.version_converter.convert_version(model, 13)
            notes.append("opset %d converted to 13" % opset)
        except Exception as e:  # noqa: BLE001
            notes.append("opset %d kept, conversion to 13 failed (%s)" % (opset, str(e).splitlines()[0][:80]))
    raw = os.path.join(work, "raw.onnx")
    onnx.save(model, raw)
    pre = os.path.join(work, "pre.onnx")
    try:
        try:
            quant_pre_process(raw, pre)
            notes.append("quant_pre_process ok")
        except ImportError as e:
            # symbolic shape inference needs sympy; quant_pre_process(skip_symbolic_shape=True) of ORT 1.30 would
            # return the graph before its optimization step, so its two other steps are done here as it does them
            opts = ort.SessionOptions()
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            opts.optimized_model_filepath = os.path.join(work, "optimized.onnx")
            ort.InferenceSession(raw, opts, providers=["CPUExecutionProvider"])
            onnx.shape_inference.infer_shapes_path(opts.optimized_model_filepath, pre)
            notes.append("pre-processing as quant_pre_process without its symbolic shape inference (%s): ORT "
                         "basic optimization, ONNX shape inference" % str(e).split(".")[0])
        source = pre
    except Exception as e:  # noqa: BLE001 - any failure: fall back to the raw model, and say so
        source = raw
        notes.append("pre-processing FAILED (%s: %s), raw model quantized"
                     % (type(e).__name__, str(e).splitlines()[0][:120] if str(e) else ""))
    reader = NpzReader(calib_dir)
    quantize_static(source, model_out, reader, quant_format=QuantFormat.QDQ, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, per_channel=True, calibrate_method=CalibrationMethod.MinMax)
    print("onnxruntime %s quantize_static QDQ u8/s8 per-channel MinMax on %d samples: %s -> %s (%s)"
          % (ort.__version__, len(reader.files), os.path.basename(model_in), model_out, "; ".join(notes)))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
