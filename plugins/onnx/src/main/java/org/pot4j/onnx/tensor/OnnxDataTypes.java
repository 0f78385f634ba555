package org.pot4j.onnx.tensor;

import java.util.Optional;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.onnx.proto.OnnxMl.TensorProto.DataType;

/** Maps ONNX {@code TensorProto.DataType} codes to pot4j element types and back. */
public final class OnnxDataTypes {
    private OnnxDataTypes() {
    }

    /** The element type of ONNX data type {@code code}; empty for strings, complex numbers and unknown codes. */
    public static Optional<ElementType> elementType(int code) {
        DataType t = DataType.forNumber(code);
        if (t == null) {
            return Optional.empty();
        }
        switch (t) {
            case FLOAT: return Optional.of(ElementType.F32);
            case UINT8: return Optional.of(ElementType.U8);
            case INT8: return Optional.of(ElementType.I8);
            case UINT16: return Optional.of(ElementType.U16);
            case INT16: return Optional.of(ElementType.I16);
            case INT32: return Optional.of(ElementType.I32);
            case INT64: return Optional.of(ElementType.I64);
            case BOOL: return Optional.of(ElementType.BOOLEAN);
            case FLOAT16: return Optional.of(ElementType.F16);
            case DOUBLE: return Optional.of(ElementType.F64);
            case UINT32: return Optional.of(ElementType.U32);
            case UINT64: return Optional.of(ElementType.U64);
            case BFLOAT16: return Optional.of(ElementType.BF16);
            default: return Optional.empty();
        }
    }

    /** The ONNX data type code of {@code type}. */
    public static int code(ElementType type) {
        switch (type) {
            case F32: return DataType.FLOAT_VALUE;
            case U8: return DataType.UINT8_VALUE;
            case I8: return DataType.INT8_VALUE;
            case U16: return DataType.UINT16_VALUE;
            case I16: return DataType.INT16_VALUE;
            case I32: return DataType.INT32_VALUE;
            case I64: return DataType.INT64_VALUE;
            case BOOLEAN: return DataType.BOOL_VALUE;
            case F16: return DataType.FLOAT16_VALUE;
            case F64: return DataType.DOUBLE_VALUE;
            case U32: return DataType.UINT32_VALUE;
            case U64: return DataType.UINT64_VALUE;
            case BF16: return DataType.BFLOAT16_VALUE;
            default: throw new IllegalArgumentException("ONNX has no element type for " + type.irName());
        }
    }

    /** A readable name of ONNX data type {@code code}, for messages. */
    public static String name(int code) {
        DataType t = DataType.forNumber(code);
        return t == null ? "data type " + code : t.name();
    }
}
