package io.github.latentcheck.generator;

import static io.github.latentcheck.generator.OnnxModels.firstLine;
import static io.github.latentcheck.generator.OnnxModels.format;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.spec.Options;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A generator stored as an ONNX model, run with ONNX Runtime on the CPU. The model takes a float32
 * tensor of shape {@code [batch, d]} and returns a float32 tensor of shape {@code [batch, …]}; each
 * output row is flattened (row-major), and when the output has more than one axis after the batch
 * axis (such as {@code [batch, C, H, W]}) that shape is recorded as the samples' image shape.
 *
 * <p>The input and output are named, or default to the model's only input and output. Every axis but
 * the first must be fixed in the model. An optional sidecar {@code <model>.json} next to the model
 * (same base name) may give {@code latent_dim}, {@code prior}, {@code out_dim} and
 * {@code image_shape}; dimensions that disagree with the model are refused, and {@code image_shape}
 * becomes the samples' image shape.
 *
 * <p>One {@link OrtSession} is opened per generator and released by {@link #close()}. Every ONNX
 * Runtime failure is reported as an {@link InvalidInputException} naming the model file, and so is
 * an output that is NaN or infinite (naming the batch, row and column): a check that never reads the
 * samples, or {@code --save-samples}, would otherwise pass them on.
 *
 * <p>ONNX Runtime ({@code com.microsoft.onnxruntime:onnxruntime}) is an optional dependency of
 * latentcheck: a spec's {@code type: onnx} without it on the class path is refused as bad input, while
 * calling {@link #open} without it throws {@link NoClassDefFoundError}.
 */
public final class OnnxGenerator implements Generator {
    /** The default number of latent rows per call to the model. */
    public static final int DEFAULT_BATCH = 1024;

    private final String model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final int inputDimension;
    private final int outputDimension;
    private final int[] imageShape;
    private final int batchSize;
    private final Sidecar sidecar;
    private int batches;
    private long rowsDone;

    private OnnxGenerator(String model, OrtEnvironment environment, OrtSession session, String input, String output,
            int inputDimension, int outputDimension, int[] imageShape, int batchSize, Sidecar sidecar) {
        this.model = model;
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.output = output;
        this.inputDimension = inputDimension;
        this.outputDimension = outputDimension;
        this.imageShape = imageShape;
        this.batchSize = batchSize;
        this.sidecar = sidecar;
    }

    /**
     * What a model's sidecar JSON says about it; absent fields are 0, null or empty.
     *
     * @param latentDim {@code latent_dim}: the latent dimension the model was trained with
     * @param prior {@code prior}: the prior it was trained with, e.g. {@code "gaussian"}
     * @param outDim {@code out_dim}: the values per output row
     * @param imageShape {@code image_shape}: the layout of one output row as an image, or empty
     */
    public record Sidecar(int latentDim, String prior, int outDim, int[] imageShape) {
        /** @return the image shape (a copy) */
        @Override
        public int[] imageShape() {
            return imageShape.clone();
        }
    }

    /**
     * Opens a model.
     *
     * @param model the {@code .onnx} file
     * @param input the input tensor's name, or null for the model's only input
     * @param output the output tensor's name, or null for the model's only output
     * @param batchSize the rows per call to the model, at least 1
     * @param threads ONNX Runtime's intra-op threads, or 0 for its default (one per core)
     * @return the generator, holding an open session until closed
     * @throws InvalidInputException if the file is missing or not a usable ONNX model, a name is
     *     unknown, a tensor is not float32, an axis other than the batch axis is dynamic, or the
     *     sidecar disagrees with the model
     */
    public static OnnxGenerator open(Path model, String input, String output, int batchSize, int threads) {
        String source = model.toString();
        if (batchSize < 1) {
            throw new InvalidInputException(source + ": batch is not at least 1: " + batchSize);
        }
        if (threads < 0) {
            throw new InvalidInputException(source + ": threads is negative: " + threads);
        }
        Sidecar sidecar = Files.isRegularFile(model) ? readSidecar(model) : null;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = OnnxModels.open(model, threads);
        return OnnxModels.use(session, source, input, output, io -> {
            String in = io.input();
            String out = io.output();
            long[] inShape = io.inputShape();
            long[] outShape = io.outputShape();
            if (inShape.length != 2) {
                throw new InvalidInputException(source + ": input '" + in + "' has shape " + format(inShape)
                        + "; expected [batch, latent_dim]");
            }
            int inDim = (int) inShape[1];
            int outDim = OnnxModels.valuesPerRow(source, out, outShape, "values");
            int[] image = outShape.length > 2 ? toInts(Arrays.copyOfRange(outShape, 1, outShape.length)) : new int[0];
            if (sidecar != null) {
                image = checkSidecar(source, sidecar, in, inShape, out, outShape, outDim, image);
            }
            return new OnnxGenerator(source, environment, session, in, out, inDim, outDim, image, batchSize, sidecar);
        });
    }

    private static int[] checkSidecar(String source, Sidecar sidecar, String in, long[] inShape, String out,
            long[] outShape, int outDim, int[] image) {
        String json = sidecarPath(Path.of(source)).toString();
        if (sidecar.latentDim() != 0 && sidecar.latentDim() != inShape[1]) {
            throw new InvalidInputException(json + ": latent_dim is " + sidecar.latentDim() + " but the model "
                    + source + " has input '" + in + "' of shape " + format(inShape));
        }
        if (sidecar.outDim() != 0 && sidecar.outDim() != outDim) {
            throw new InvalidInputException(json + ": out_dim is " + sidecar.outDim() + " but the model "
                    + source + " has output '" + out + "' of shape " + format(outShape));
        }
        int[] shape = sidecar.imageShape();
        if (shape.length == 0) {
            return image;
        }
        long product = 1;
        for (int s : shape) {
            product *= s;
        }
        if (product != outDim) {
            throw new InvalidInputException(json + ": image_shape " + Arrays.toString(shape) + " does not hold the "
                    + outDim + " values of output '" + out + "' of shape " + format(outShape) + " in " + source);
        }
        return shape;
    }

    private static Sidecar readSidecar(Path model) {
        Path json = sidecarPath(model);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(json + ": is not a readable JSON sidecar: " + firstLine(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(json + ": a model sidecar is a JSON object");
        }
        int latentDim = positive(json, root, "latent_dim");
        int outDim = positive(json, root, "out_dim");
        JsonNode prior = root.get("prior");
        JsonNode image = root.get("image_shape");
        int[] imageShape = new int[0];
        if (image != null && !image.isNull()) {
            if (!image.isArray() || image.isEmpty()) {
                throw new InvalidInputException(json + ": image_shape is not a list of positive whole numbers: " + image);
            }
            imageShape = new int[image.size()];
            for (int i = 0; i < imageShape.length; i++) {
                if (!image.get(i).canConvertToInt() || !image.get(i).isIntegralNumber() || image.get(i).intValue() < 1) {
                    throw new InvalidInputException(json + ": image_shape is not a list of positive whole numbers: "
                            + image);
                }
                imageShape[i] = image.get(i).intValue();
            }
        }
        return new Sidecar(latentDim, prior == null || prior.isNull() ? null : prior.asText(), outDim, imageShape);
    }

    private static int positive(Path json, JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new InvalidInputException(json + ": " + key + " is not a positive whole number: " + node);
        }
        return node.intValue();
    }

    private static Path sidecarPath(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    private static int[] toInts(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    /** @return the model file, as given */
    public String model() {
        return model;
    }

    /** @return the name of the input tensor the latents go into */
    public String inputName() {
        return input;
    }

    /** @return the name of the output tensor the samples come from */
    public String outputName() {
        return output;
    }

    /** @return what the sidecar JSON says, when the model has one */
    public Optional<Sidecar> sidecar() {
        return Optional.ofNullable(sidecar);
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int outputDimension() {
        return outputDimension;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /**
     * Runs the model on one batch; the latents are rounded to float32.
     *
     * @throws InvalidInputException if ONNX Runtime fails or returns a tensor of another shape
     */
    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        if (latents.dimension() != inputDimension) {
            throw new InvalidInputException(model + ": input '" + input + "' takes latents of dimension "
                    + inputDimension + ", not " + latents.dimension());
        }
        double[] z = latents.toArray();
        float[] values = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            values[i] = (float) z[i];
        }
        float[] x = new float[n * outputDimension];
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values),
                new long[] {n, inputDimension});
                OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(output))) {
            OnnxValue value = result.get(output).orElseThrow(
                    () -> new InvalidInputException(model + ": returned no output '" + output + "'"));
            if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
                throw new InvalidInputException(model + ": output '" + output + "' is not a float32 tensor");
            }
            long[] shape = out.getInfo().getShape();
            if (shape.length < 1 || shape[0] != n || out.getInfo().getNumElements() != (long) n * outputDimension) {
                throw new InvalidInputException(model + ": output '" + output + "' has shape " + format(shape)
                        + " for a batch of " + n + " latents; expected " + n + " rows of " + outputDimension
                        + " values");
            }
            out.getFloatBuffer().get(x);
        } catch (OrtException e) {
            throw new InvalidInputException(model + ": ONNX Runtime failed on a batch of " + n + " latents: "
                    + firstLine(e), e);
        }
        batches++;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                int row = i / outputDimension;
                throw new InvalidInputException(model + ": output '" + output + "' is "
                        + (Float.isNaN(x[i]) ? "NaN" : x[i]) + " at row " + row + ", column " + (i % outputDimension)
                        + " (0-based) of batch " + batches + " (row " + (rowsDone + row)
                        + " of the run); a generator's outputs must be finite");
            }
        }
        rowsDone += n;
        Samples samples = Samples.ofOwned(n, outputDimension, x);
        return imageShape.length > 0 ? samples.withImageShape(imageShape) : samples;
    }

    /** Releases the ONNX Runtime session. */
    @Override
    public void close() {
        OnnxModels.close(session, model);
    }

    /**
     * Provides {@code type: onnx} with {@code model} (path), optional {@code input} and {@code output}
     * (tensor names), {@code batch} (1024) and {@code threads} (0: ONNX Runtime's default).
     */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "onnx";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            if (!OnnxRuntime.isPresent()) {
                throw new InvalidInputException(options.where("type") + ": generator type 'onnx' needs ONNX Runtime "
                        + "on the class path, which latentcheck declares optional: add "
                        + "com.microsoft.onnxruntime:onnxruntime (1.29.0 is tested) to your dependencies");
            }
            Path path = options.requirePath("model");
            String input = options.has("input") ? options.requireString("input") : null;
            String output = options.has("output") ? options.requireString("output") : null;
            int batch = options.integer("batch", DEFAULT_BATCH, 1);
            int threads = options.integer("threads", 0, 0);
            OnnxGenerator generator = open(path, input, output, batch, threads);
            int dim = context.prior().dimension();
            if (generator.inputDimension() != dim) {
                generator.close();
                throw new InvalidInputException("model " + path + " has input '"
                        + generator.inputName() + "' of shape [batch, " + generator.inputDimension()
                        + "] but the prior " + context.prior().description() + " gives latents of shape [batch, "
                        + dim + "]");
            }
            return generator;
        }
    }
}
