package org.pot4j.onnx.tensor;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * Decodes {@code TensorProto}s (raw_data, the typed repeated fields, or external data) into tensors, and encodes
 * tensors as {@code raw_data}. Failures are {@link IllegalArgumentException}s naming the tensor; callers add the file.
 */
public final class OnnxTensors {
    private OnnxTensors() {
    }

    /** The shape of {@code proto}. */
    public static Shape shape(TensorProto proto) {
        long[] dims = new long[proto.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDims(i);
            if (dims[i] < 0) {
                throw new IllegalArgumentException("tensor '" + proto.getName() + "' has a negative dimension " + dims[i]);
            }
        }
        return Shape.of(dims);
    }

    /** The element type of {@code proto}. */
    public static ElementType elementType(TensorProto proto) {
        return OnnxDataTypes.elementType(proto.getDataType()).orElseThrow(() -> new IllegalArgumentException(
                "tensor '" + proto.getName() + "' has " + OnnxDataTypes.name(proto.getDataType())
                        + ", which pot4j does not support"));
    }

    /**
     * The value of {@code proto}.
     *
     * @param externalBytes the bytes of a tensor whose data_location is EXTERNAL
     */
    public static Tensor decode(TensorProto proto, Function<TensorProto, ByteString> externalBytes) {
        ElementType type = elementType(proto);
        Shape shape = shape(proto);
        if (proto.hasSegment()) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' is segmented, which is not supported");
        }
        long count = shape.elementCount();
        long bytes = type.byteSize(count);
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return fromRaw(proto, type, shape, externalBytes.apply(proto), bytes);
        }
        if (proto.hasRawData()) {
            return fromRaw(proto, type, shape, proto.getRawData(), bytes);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32:
                check(proto, proto.getFloatDataCount(), count, "float_data");
                proto.getFloatDataList().forEach(out::putFloat);
                break;
            case F64:
                check(proto, proto.getDoubleDataCount(), count, "double_data");
                proto.getDoubleDataList().forEach(out::putDouble);
                break;
            case I64:
                check(proto, proto.getInt64DataCount(), count, "int64_data");
                proto.getInt64DataList().forEach(out::putLong);
                break;
            case U32:
                check(proto, proto.getUint64DataCount(), count, "uint64_data");
                proto.getUint64DataList().forEach(v -> out.putInt(v.intValue()));
                break;
            case U64:
                check(proto, proto.getUint64DataCount(), count, "uint64_data");
                proto.getUint64DataList().forEach(out::putLong);
                break;
            case I32:
                check(proto, proto.getInt32DataCount(), count, "int32_data");
                proto.getInt32DataList().forEach(out::putInt);
                break;
            case I16: case U16: case F16: case BF16:
                // ONNX keeps these in int32_data, one element (the 16-bit pattern) per int
                check(proto, proto.getInt32DataCount(), count, "int32_data");
                proto.getInt32DataList().forEach(v -> out.putShort(v.shortValue()));
                break;
            case I8: case U8: case BOOLEAN:
                check(proto, proto.getInt32DataCount(), count, "int32_data");
                proto.getInt32DataList().forEach(v -> out.put(v.byteValue()));
                break;
            default:
                throw new IllegalArgumentException("tensor '" + proto.getName() + "' of type " + type.irName()
                        + " is not supported");
        }
        out.flip();
        return Tensor.of(type, shape, out);
    }

    private static Tensor fromRaw(TensorProto proto, ElementType type, Shape shape, ByteString raw, long expected) {
        if (raw.size() != expected) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' of type " + type.irName() + " and shape "
                    + shape + " needs " + expected + " bytes of data, found " + raw.size());
        }
        return Tensor.of(type, shape, raw.asReadOnlyByteBuffer());
    }

    private static void check(TensorProto proto, int have, long want, String field) {
        if (have != want) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' of shape " + shape(proto) + " needs "
                    + want + " values, its " + field + " has " + have);
        }
    }

    /** {@code value} as a TensorProto called {@code name} with raw_data. */
    public static TensorProto encode(String name, Tensor value) {
        TensorProto.Builder b = TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxDataTypes.code(value.elementType()))
                .setRawData(ByteString.copyFrom(value.data()));
        for (long d : value.shape().dims()) {
            b.addDims(d);
        }
        return b.build();
    }
}
