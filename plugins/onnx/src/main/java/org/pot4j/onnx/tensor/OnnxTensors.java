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

    /** The largest tensor pot4j decodes, in bytes: what one Java array or ByteString can hold. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** The shape of {@code proto}; fails on a negative dimension. */
    public static Shape shape(TensorProto proto) {
        long[] dims = new long[proto.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDims(i);
            if (dims[i] < 0) {
                throw new IllegalArgumentException("tensor '" + proto.getName() + "' has a negative dimension " + dims[i]
                        + " in dims " + proto.getDimsList());
            }
        }
        return Shape.of(dims);
    }

    /**
     * The number of elements of {@code proto}, checked: fails when the product of the dims overflows or the data
     * would be larger than {@link #MAX_BYTES}, before anything is allocated.
     */
    public static long elementCount(TensorProto proto) {
        Shape shape = shape(proto);
        ElementType type = elementType(proto);
        long count = 1;
        for (long d : shape.dims()) {
            if (d != 0 && count > Long.MAX_VALUE / d) {
                throw new IllegalArgumentException("tensor '" + proto.getName() + "' has dims " + proto.getDimsList()
                        + ", whose product overflows a 64-bit count");
            }
            count *= d;
        }
        if (count > MAX_BYTES * 8 / type.bitWidth()) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' of type " + type.irName() + " and dims "
                    + proto.getDimsList() + " holds " + count + " elements, more than the " + MAX_BYTES
                    + " bytes pot4j reads per tensor");
        }
        return count;
    }

    /** The bytes the data of {@code proto} takes, checked as {@link #elementCount} does. */
    public static long byteSize(TensorProto proto) {
        return elementType(proto).byteSize(elementCount(proto));
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
        long count = elementCount(proto);
        long bytes = type.byteSize(count);
        checkValueFields(proto, count);
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return fromRaw(proto, type, shape, externalBytes.apply(proto), bytes);
        }
        if (proto.hasRawData()) {
            return fromRaw(proto, type, shape, proto.getRawData(), bytes);
        }
        checkTypedField(proto, type, count);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32:
                proto.getFloatDataList().forEach(out::putFloat);
                break;
            case F64:
                proto.getDoubleDataList().forEach(out::putDouble);
                break;
            case I64:
                proto.getInt64DataList().forEach(out::putLong);
                break;
            case U32:
                proto.getUint64DataList().forEach(v -> out.putInt(v.intValue()));
                break;
            case U64:
                proto.getUint64DataList().forEach(out::putLong);
                break;
            case I32:
                proto.getInt32DataList().forEach(out::putInt);
                break;
            case I16: case U16: case F16: case BF16:
                // ONNX keeps these in int32_data, one element (the 16-bit pattern) per int
                proto.getInt32DataList().forEach(v -> out.putShort(v.shortValue()));
                break;
            case I8: case U8: case BOOLEAN:
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

    /**
     * ONNX's checker: a tensor keeps its values in exactly one place (raw_data, one typed field, or external data);
     * a tensor without elements may have none.
     */
    private static void checkValueFields(TensorProto proto, long count) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        if (proto.hasRawData()) {
            fields.add("raw_data");
        }
        addIfSet(fields, proto.getFloatDataCount(), "float_data");
        addIfSet(fields, proto.getInt32DataCount(), "int32_data");
        addIfSet(fields, proto.getStringDataCount(), "string_data");
        addIfSet(fields, proto.getInt64DataCount(), "int64_data");
        addIfSet(fields, proto.getDoubleDataCount(), "double_data");
        addIfSet(fields, proto.getUint64DataCount(), "uint64_data");
        boolean external = proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
        if (external && !fields.isEmpty()) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' is stored externally and also has "
                    + String.join(" and ", fields));
        }
        if (fields.size() > 1) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' has values in both "
                    + String.join(" and ", fields) + "; ONNX allows exactly one");
        }
        if (!external && fields.isEmpty() && count > 0) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' of dims " + proto.getDimsList()
                    + " has no values (no raw_data, typed field or external data)");
        }
    }

    private static void addIfSet(java.util.List<String> fields, int count, String name) {
        if (count > 0) {
            fields.add(name);
        }
    }

    /** The typed field {@code type} keeps its values in holds {@code count} of them. */
    private static void checkTypedField(TensorProto proto, ElementType type, long count) {
        int have;
        String field;
        switch (type) {
            case F32: have = proto.getFloatDataCount(); field = "float_data"; break;
            case F64: have = proto.getDoubleDataCount(); field = "double_data"; break;
            case I64: have = proto.getInt64DataCount(); field = "int64_data"; break;
            case U32: case U64: have = proto.getUint64DataCount(); field = "uint64_data"; break;
            default: have = proto.getInt32DataCount(); field = "int32_data"; break;
        }
        if (have != count) {
            throw new IllegalArgumentException("tensor '" + proto.getName() + "' of shape " + shape(proto) + " needs "
                    + count + " values, its " + field + " has " + have);
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
