package org.pot4j.onnx.io;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/** Reads an ONNX file into its ModelProto and external data, rejecting what pot4j cannot handle with a clear message. */
public final class OnnxReader {
    /** The oldest and newest ONNX IR versions accepted. */
    public static final long MIN_IR_VERSION = 3;
    public static final long MAX_IR_VERSION = 10;
    /** The oldest and newest versions of the default ({@code ai.onnx}) operator set accepted. */
    public static final long MIN_OPSET = 7;
    public static final long MAX_OPSET = 21;

    /** A model read from a file: the document and the bytes of its externally stored tensors. */
    public record Result(ModelProto proto, OnnxExternalData externalData) {
    }

    private OnnxReader() {
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ModelFormatException naming the file when it is missing, not ONNX, truncated, of an unsupported IR or
     *                              opset version, or refers to missing external data
     */
    public static Result read(Path file) {
        byte[] bytes;
        try {
            // the model itself may be a link (the user named it), but never a FIFO or device: opening one blocks
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw ModelFormatException.inFile(file, "not a regular file (" + (a.isDirectory() ? "a folder"
                        : "a FIFO, socket or device") + ")");
            }
            if (a.size() > OnnxTensors.MAX_BYTES) {
                throw ModelFormatException.inFile(file, a.size() + " bytes: larger than the 2 GiB a protobuf file can "
                        + "hold; models that large keep their weights in external data");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ModelFormatException.inFile(file, "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw ModelFormatException.inFile(file, "the file is empty, not an ONNX model");
        }
        ModelProto proto;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            // ONNX graphs nest (If/Loop bodies); the default limit of 100 is protobuf's, not ONNX's
            in.setRecursionLimit(1000);
            proto = ModelProto.parseFrom(in);
        } catch (IOException e) {
            // InvalidProtocolBufferException: garbage, or a file cut short inside a message
            throw new ModelFormatException(file + ": not a valid ONNX protobuf (truncated or not an ONNX file): "
                    + e.getMessage(), e);
        }
        check(file, proto);
        return new Result(proto, OnnxExternalData.load(file, externalTensors(proto)));
    }

    /** Parses a model from {@code bytes} (already written or received), with the same checks; no external data. */
    public static ModelProto parse(String what, byte[] bytes) {
        try {
            ModelProto proto = ModelProto.parseFrom(bytes);
            check(Path.of(what), proto);
            return proto;
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(what + ": not a valid ONNX protobuf: " + e.getMessage(), e);
        }
    }

    static void check(Path file, ModelProto proto) {
        if (!proto.hasIrVersion() || proto.getIrVersion() == 0) {
            throw ModelFormatException.inFile(file, "no ir_version: not an ONNX model (or a truncated one)");
        }
        long ir = proto.getIrVersion();
        if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
            throw ModelFormatException.inFile(file, "ONNX IR version " + ir + " is not supported (supported: "
                    + MIN_IR_VERSION + ".." + MAX_IR_VERSION + ")");
        }
        if (!proto.hasGraph()) {
            throw ModelFormatException.inFile(file, "the model has no graph (truncated file?)");
        }
        List<String> imports = new ArrayList<>();
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                imports.add("'" + o.getDomain() + "' version " + o.getVersion());
            }
        }
        if (imports.size() > 1) {
            // which one applies would be a guess: ONNX Runtime takes one, pot4j the first
            throw ModelFormatException.inFile(file, "the default operator set (ai.onnx) is imported " + imports.size()
                    + " times (" + String.join(", ", imports) + "); a model imports each domain once");
        }
        long opset = defaultOpset(proto);
        if (opset < 0) {
            throw ModelFormatException.inFile(file, "the model imports no version of the default operator set (ai.onnx)");
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw ModelFormatException.inFile(file, "opset " + opset + " of the default domain is not supported (supported: "
                    + MIN_OPSET + ".." + MAX_OPSET + ")");
        }
    }

    /** The version of the default operator set the model imports, or -1. */
    public static long defaultOpset(ModelProto proto) {
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return -1;
    }

    /** Every tensor of the main graph that may hold external data: initializers and Constant node values. */
    static List<TensorProto> externalTensors(ModelProto proto) {
        List<TensorProto> out = new ArrayList<>(proto.getGraph().getInitializerList());
        for (NodeProto n : proto.getGraph().getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasT()) {
                    out.add(a.getT());
                }
            }
        }
        return out;
    }
}
