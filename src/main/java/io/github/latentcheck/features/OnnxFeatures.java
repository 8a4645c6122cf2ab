package io.github.latentcheck.features;

import static io.github.latentcheck.generator.OnnxModels.firstLine;
import static io.github.latentcheck.generator.OnnxModels.format;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.OnnxModels;
import io.github.latentcheck.generator.OnnxModels.InputAxes;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * An embedding model stored as ONNX, run with ONNX Runtime on the CPU (its intra-op threads): images are decoded
 * and {@linkplain Preprocessing preprocessed} one batch at a time into a float32 tensor in the declared layout, and
 * the named output's values (every axis after the batch axis, flattened row-major) are the features. Only one
 * batch of decoded images is held at a time. The model's input axes after the batch axis must agree with the
 * preprocessing where they are fixed; a dynamic axis (such as the height and width of a fully convolutional network
 * with global pooling) takes the preprocessing's value. The output's axes after the batch axis must be fixed. A
 * feature that is NaN or infinite is refused, naming the image.
 */
public final class OnnxFeatures implements Features {
    private final Path model;
    private final String sha256;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final int dimension;
    private final Preprocessing preprocessing;
    private final int batch;

    private OnnxFeatures(Path model, String sha256, OrtSession session, String input, String output, int dimension,
            Preprocessing preprocessing, int batch) {
        this.model = model;
        this.sha256 = sha256;
        this.session = session;
        this.input = input;
        this.output = output;
        this.dimension = dimension;
        this.preprocessing = preprocessing;
        this.batch = batch;
    }

    /**
     * @param model the {@code .onnx} file
     * @param input the input's name, or null for the model's only input
     * @param output the output's name, or null for the model's only output
     * @param preprocessing what the model expects
     * @param batch images per call, at least 1
     * @param threads ONNX Runtime's intra-op threads, or 0 for its default
     * @return the embedding, holding an open session until closed
     * @throws InvalidInputException naming the model file when it cannot be used with this preprocessing
     */
    public static OnnxFeatures open(Path model, String input, String output, Preprocessing preprocessing, int batch,
            int threads) {
        String source = model.toString();
        if (batch < 1) {
            throw new InvalidInputException(source + ": batch is not at least 1: " + batch);
        }
        OrtSession session = OnnxModels.open(model, threads);
        return OnnxModels.use(session, source, input, output, InputAxes.ANY_DYNAMIC, io -> {
            long[] wanted = preprocessing.shape(1);
            long[] inShape = io.inputShape();
            boolean fits = inShape.length == 4;
            for (int i = 1; fits && i < 4; i++) {
                fits = inShape[i] == wanted[i] || inShape[i] < 0;
            }
            if (!fits) {
                wanted[0] = -1;
                throw new InvalidInputException(source + ": input '" + io.input() + "' has shape " + format(inShape)
                        + " but the preprocessing (" + preprocessing.key() + ") makes " + format(wanted));
            }
            int values = OnnxModels.valuesPerRow(source, io.output(), io.outputShape(), "features");
            return new OnnxFeatures(model, Hashing.ofFile(model), session, io.input(), io.output(), values,
                    preprocessing, batch);
        });
    }

    /**
     * The input's height and width as the model fixes them, for a spec that gives no {@code size}.
     *
     * @param model the {@code .onnx} file
     * @param input the input's name, or null for the model's only input
     * @param output the output's name, or null for the model's only output
     * @param layout how the input holds an image
     * @return {height, width}, or empty when either axis is dynamic
     * @throws InvalidInputException naming the model file when it cannot be opened or its input is not
     *     {@code [batch, …]} of rank 4
     */
    public static Optional<int[]> inputSize(Path model, String input, String output, Preprocessing.Layout layout) {
        String source = model.toString();
        OrtSession session = OnnxModels.open(model, 1);
        long[] shape = OnnxModels.use(session, source, input, output, InputAxes.ANY_DYNAMIC, io -> io.inputShape());
        OnnxModels.close(session, model);
        if (shape.length != 4) {
            throw new InvalidInputException(source + ": input has shape " + format(shape)
                    + "; an image model's input is [batch, C, H, W] or [batch, H, W, C]");
        }
        int h = layout == Preprocessing.Layout.NCHW ? 2 : 1;
        return shape[h] < 1 || shape[h + 1] < 1 ? Optional.empty()
                : Optional.of(new int[] {(int) shape[h], (int) shape[h + 1]});
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelSha256() {
        return sha256;
    }

    /** @return the preprocessing */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public String settings() {
        return "input=" + input + " output=" + output + " " + preprocessing.key();
    }

    @Override
    public String description() {
        return model + " (" + settings() + ")";
    }

    @Override
    public Samples embed(ImageSource images, LongConsumer progress) {
        int n = images.size();
        int per = preprocessing.values();
        float[] features = new float[Math.multiplyExact(n, dimension)];
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            float[] in = new float[rows * per];
            for (int i = 0; i < rows; i++) {
                preprocessing.apply(images.read(from + i), in, i * per);
            }
            run(in, rows, features, from, images);
            progress.accept(from + rows);
        }
        return Samples.ofOwned(n, dimension, features);
    }

    private void run(float[] in, int rows, float[] features, int from, ImageSource images) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(in),
                preprocessing.shape(rows));
                OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(output))) {
            OnnxValue value = result.get(output).orElseThrow(
                    () -> new InvalidInputException(model + ": returned no output '" + output + "'"));
            if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT
                    || out.getInfo().getNumElements() != (long) rows * dimension) {
                throw new InvalidInputException(model + ": output '" + output + "' is not " + rows + " rows of "
                        + dimension + " float32 values for a batch of " + rows + " images");
            }
            out.getFloatBuffer().get(features, from * dimension, rows * dimension);
        } catch (OrtException e) {
            throw new InvalidInputException(model + ": ONNX Runtime failed on images " + from + ".." + (from + rows - 1)
                    + " of " + images.description() + ": " + firstLine(e), e);
        }
        for (int i = from * dimension; i < (from + rows) * dimension; i++) {
            if (!Float.isFinite(features[i])) {
                throw new InvalidInputException(images.name(i / dimension) + ": gives the feature " + features[i]
                        + " at column " + i % dimension + " from " + model + "; features must be finite");
            }
        }
    }

    @Override
    public void close() {
        OnnxModels.close(session, model);
    }
}
