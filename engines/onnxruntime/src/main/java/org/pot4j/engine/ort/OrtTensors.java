package org.pot4j.engine.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Copies pot4j tensors into ONNX Runtime tensors and back. */
final class OrtTensors {
    private OrtTensors() {
    }

    /** An ONNX Runtime tensor holding a copy of {@code t}, for model input {@code name}. */
    static OnnxTensor toOrt(OrtEnvironment env, String name, Tensor t) {
        OnnxJavaType type = javaType(t.elementType(), name);
        // a direct buffer in native order is handed to the runtime as it is; heap or read-only buffers would be copied
        ByteBuffer direct = ByteBuffer.allocateDirect((int) t.byteSize()).order(ByteOrder.nativeOrder());
        ByteBuffer src = t.data();
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new EngineException("the onnxruntime engine needs a little-endian machine");
        }
        direct.put(src).flip();
        try {
            return OnnxTensor.createTensor(env, direct, t.shape().dims(), type);
        } catch (OrtException e) {
            throw OrtRuntime.failure("input '" + name + "' " + t, e);
        }
    }

    /** A pot4j tensor holding a copy of output {@code name}. */
    static Tensor fromOrt(String name, OnnxTensor t) {
        TensorInfo info = t.getInfo();
        ElementType type = elementType(info.type, name);
        ByteBuffer b = t.getByteBuffer();
        if (b == null) {
            throw new EngineException("output '" + name + "' of type " + info.type + " cannot be read as bytes");
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        return Tensor.of(type, Shape.of(info.getShape()), b);
    }

    private static OnnxJavaType javaType(ElementType type, String name) {
        switch (type) {
            case F32: return OnnxJavaType.FLOAT;
            case F64: return OnnxJavaType.DOUBLE;
            case F16: return OnnxJavaType.FLOAT16;
            case BF16: return OnnxJavaType.BFLOAT16;
            case I8: return OnnxJavaType.INT8;
            case U8: return OnnxJavaType.UINT8;
            case I16: return OnnxJavaType.INT16;
            case I32: return OnnxJavaType.INT32;
            case I64: return OnnxJavaType.INT64;
            case BOOLEAN: return OnnxJavaType.BOOL;
            default:
                throw new EngineException("input '" + name + "': ONNX Runtime's Java API has no " + type.irName()
                        + " tensors");
        }
    }

    private static ElementType elementType(OnnxJavaType type, String name) {
        switch (type) {
            case FLOAT: return ElementType.F32;
            case DOUBLE: return ElementType.F64;
            case FLOAT16: return ElementType.F16;
            case BFLOAT16: return ElementType.BF16;
            case INT8: return ElementType.I8;
            case UINT8: return ElementType.U8;
            case INT16: return ElementType.I16;
            case INT32: return ElementType.I32;
            case INT64: return ElementType.I64;
            case BOOL: return ElementType.BOOLEAN;
            default: throw new EngineException("output '" + name + "' has type " + type + ", which pot4j does not support");
        }
    }
}
