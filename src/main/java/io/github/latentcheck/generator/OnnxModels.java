package io.github.latentcheck.generator;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.latentcheck.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening ONNX models the way every ONNX part of latentcheck does (the {@code onnx} generator and the
 * ONNX encoder): the file checked first, ONNX Runtime's failures as bad input naming the file. An
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
     * @param e a failure
     * @return the first line of its message, stripped (the class name when it has none)
     */
    public static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
