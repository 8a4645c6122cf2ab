package io.github.latentcheck.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.latentcheck.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the ONNX generator and the ONNX feature extractor share: opening a session on a model file with a
 * number of intra-op threads, choosing its input and output by name, and reading their float32 shapes; every
 * failure is an {@link InvalidInputException} naming the model file. Not API.
 */
public final class OnnxModels {
    private OnnxModels() {
    }

    /**
     * @param model the {@code .onnx} file
     * @param threads ONNX Runtime's intra-op threads, or 0 for its default (one per core)
     * @return an open session
     * @throws InvalidInputException if the file is missing, a folder, or not a model ONNX Runtime can load
     */
    public static OrtSession open(Path model, int threads) {
        String source = model.toString();
        if (threads < 0) {
            throw new InvalidInputException(source + ": threads is negative: " + threads);
        }
        if (Files.isDirectory(model)) {
            throw new InvalidInputException(source + ": is a directory, not an ONNX model");
        }
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException(source + ": no such file");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            return OrtEnvironment.getEnvironment().createSession(source, options);
        } catch (OrtException e) {
            throw new InvalidInputException(source + ": is not a model ONNX Runtime can load: " + firstLine(e), e);
        }
    }

    /**
     * @param source the model file, for messages
     * @param what {@code "input"} or {@code "output"}
     * @param wanted the name asked for, or null for the model's only one
     * @param available the model's inputs or outputs
     * @return the chosen name
     * @throws InvalidInputException if the name is unknown, or none is given and there are several
     */
    public static String pick(String source, String what, String wanted, Map<String, NodeInfo> available) {
        if (wanted != null) {
            if (!available.containsKey(wanted)) {
                throw new InvalidInputException(source + ": has no " + what + " named '" + wanted + "' (its "
                        + what + "s: " + String.join(", ", available.keySet()) + ")");
            }
            return wanted;
        }
        if (available.size() != 1) {
            throw new InvalidInputException(source + ": has " + available.size() + " " + what + "s ("
                    + String.join(", ", available.keySet()) + "): name one with '" + what + "'");
        }
        return available.keySet().iterator().next();
    }

    /**
     * @param source the model file, for messages
     * @param what {@code "input"} or {@code "output"}
     * @param name the tensor's name
     * @param node its description
     * @return its shape, with every axis but the first fixed
     * @throws InvalidInputException unless it is a float32 tensor whose axes after the first are fixed
     */
    public static long[] floatShape(String source, String what, String name, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new InvalidInputException(source + ": " + what + " '" + name + "' is not a float32 tensor: "
                    + node.getInfo());
        }
        long[] shape = tensor.getShape();
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new InvalidInputException(source + ": " + what + " '" + name + "' has shape " + format(shape)
                        + " with a dynamic axis " + i + "; only the batch axis (0) may be dynamic");
            }
        }
        return shape;
    }

    /**
     * Closes a session after a failure, keeping a failure to close as suppressed.
     *
     * @param session the session
     * @param failure the failure being thrown
     */
    public static void closeAfterFailure(OrtSession session, Exception failure) {
        try {
            session.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * @param shape a tensor shape, dynamic axes negative
     * @return it as {@code [batch?, 1, 8, 8]} with {@code ?} for dynamic axes
     */
    public static String format(long[] shape) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return s.append(']').toString();
    }

    /**
     * @param e a failure
     * @return the first line of its message (ONNX Runtime's run over several lines)
     */
    public static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
