package io.github.latentcheck.generator;

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
import java.util.function.Function;

/**
 * Opening ONNX models the way every ONNX part of latentcheck does (the {@code onnx} generator and the
 * ONNX encoder, the ONNX features): the file checked first, the input and output chosen by name with their
 * float32 shapes, the session closed when anything fails, ONNX Runtime's failures as bad input naming the file. An
 * implementation helper, not an extension point.
 */
public final class OnnxModels {
    private OnnxModels() {
    }

    /**
     * @param model the {@code .onnx} file
     * @param threads ONNX Runtime's intra-op threads, or 0 for its default
     * @return an open session, which the caller closes
     * @throws InvalidInputException if threads is negative, the file is a folder or missing, or ONNX
     *     Runtime cannot load it
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
     * A model's chosen input and output with their float32 shapes.
     *
     * @param input the input's name
     * @param output the output's name
     * @param inputShape the input's shape, the batch axis negative when dynamic
     * @param outputShape the output's shape
     */
    public record Io(String input, String output, long[] inputShape, long[] outputShape) {
    }

    /**
     * Chooses an open session's input and output and makes what uses them, closing the session when anything
     * fails (a session that is returned stays open).
     *
     * @param <T> what is made
     * @param session the open session
     * @param source the model file, for messages
     * @param input the input's name, or null for the model's only one
     * @param output the output's name, or null for the model's only one
     * @param make checks the shapes and makes the object that owns the session
     * @return what {@code make} returns
     * @throws InvalidInputException naming the model file for a bad name or shape, or what {@code make} throws
     */
    public static <T> T use(OrtSession session, String source, String input, String output, Function<Io, T> make) {
        return use(session, source, input, output, InputAxes.BATCH_DYNAMIC, make);
    }

    /** Which axes of a model's input may be dynamic. */
    public enum InputAxes {
        /** only the batch axis (0) */
        BATCH_DYNAMIC,
        /** any axis: the caller fixes the others (an embedding whose preprocessing gives the image size) */
        ANY_DYNAMIC
    }

    /**
     * As {@link #use(OrtSession, String, String, String, Function)}, with the input's dynamic axes chosen.
     *
     * @param <T> what is made
     * @param session the open session
     * @param source the model file, for messages
     * @param input the input's name, or null for the model's only one
     * @param output the output's name, or null for the model's only one
     * @param inputAxes which of the input's axes may be dynamic (negative in {@link Io#inputShape()})
     * @param make checks the shapes and makes the object that owns the session
     * @return what {@code make} returns
     */
    public static <T> T use(OrtSession session, String source, String input, String output, InputAxes inputAxes,
            Function<Io, T> make) {
        try {
            String in = pick(source, "input", input, session.getInputInfo());
            String out = pick(source, "output", output, session.getOutputInfo());
            NodeInfo inNode = session.getInputInfo().get(in);
            long[] inShape = inputAxes == InputAxes.ANY_DYNAMIC ? declaredFloatShape(source, "input", in, inNode)
                    : floatShape(source, "input", in, inNode);
            return make.apply(new Io(in, out, inShape,
                    floatShape(source, "output", out, session.getOutputInfo().get(out))));
        } catch (OrtException e) {
            closeAfterFailure(session, e);
            throw new InvalidInputException(source + ": cannot read the model's inputs and outputs: " + firstLine(e), e);
        } catch (RuntimeException e) {
            closeAfterFailure(session, e);
            throw e;
        }
    }

    /**
     * Releases a session.
     *
     * @param session the session
     * @param model the model file, for the message
     * @throws IllegalStateException if ONNX Runtime cannot release it
     */
    public static void close(OrtSession session, Object model) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": ONNX Runtime could not release its session", e);
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
        long[] shape = declaredFloatShape(source, what, name, node);
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new InvalidInputException(source + ": " + what + " '" + name + "' has shape " + format(shape)
                        + " with a dynamic axis " + i + "; only the batch axis (0) may be dynamic");
            }
        }
        return shape;
    }

    private static long[] declaredFloatShape(String source, String what, String name, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new InvalidInputException(source + ": " + what + " '" + name + "' is not a float32 tensor: "
                    + node.getInfo());
        }
        return tensor.getShape();
    }

    /**
     * @param source the model file, for messages
     * @param name the output's name
     * @param shape its shape, {@code [batch, …]}
     * @param rowName what one row's values are called in the message, e.g. {@code "values"}
     * @return the values per row: the product of the axes after the batch axis
     * @throws InvalidInputException if the output has no axis after the batch axis or too many values per row
     */
    public static int valuesPerRow(String source, String name, long[] shape, String rowName) {
        long values = 1;
        for (int i = 1; i < shape.length; i++) {
            values *= shape[i];
        }
        if (shape.length < 2 || values > Integer.MAX_VALUE) {
            throw new InvalidInputException(source + ": output '" + name + "' has shape " + format(shape)
                    + "; expected [batch, " + rowName + "…]");
        }
        return (int) values;
    }

    private static void closeAfterFailure(OrtSession session, Exception failure) {
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
     * @return the first line of its message, stripped (the class name when it has none)
     */
    public static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
