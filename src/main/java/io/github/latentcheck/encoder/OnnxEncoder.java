package io.github.latentcheck.encoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.OnnxModels;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An encoder stored as an ONNX model, run with ONNX Runtime on the CPU. The model takes float32 rows
 * {@code [batch, D]} and returns the posterior's parameters in one of two layouts:
 * <ul>
 * <li>{@link Layout#TWO_OUTPUTS}: two outputs {@code [batch, d]}, the means and the log variances
 *     (what {@code torch.onnx.export} writes for a module returning {@code (mu, logvar)}); named by
 *     {@code outputs: [mu, logvar]}, which is also the default;
 * <li>{@link Layout#CONCATENATED}: one output {@code [batch, 2d]} holding \([\mu \mid \log\sigma^2]\),
 *     the means first (the single linear head many VAEs use), named by {@code output}.
 * </ul>
 * One session per encoder, released by {@link #close()}; every ONNX Runtime failure is bad input
 * naming the model file.
 */
public final class OnnxEncoder implements Encoder {
    /** How the model returns the posterior's parameters. */
    public enum Layout {
        /** Two outputs of width d: means, log variances. */
        TWO_OUTPUTS,
        /** One output of width 2d: means then log variances. */
        CONCATENATED
    }

    private final String model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final List<String> outputs;
    private final int inputDimension;
    private final int latentDimension;
    private final int batchSize;

    private OnnxEncoder(String model, OrtEnvironment environment, OrtSession session, String input,
            List<String> outputs, int inputDimension, int latentDimension, int batchSize) {
        this.model = model;
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.outputs = outputs;
        this.inputDimension = inputDimension;
        this.latentDimension = latentDimension;
        this.batchSize = batchSize;
    }

    /**
     * @param model the {@code .onnx} file
     * @param input the input's name, or null for the model's only input
     * @param layout how the model returns the parameters
     * @param outputs the output names: two (means, log variances) or one (concatenated)
     * @param batchSize rows per call, at least 1
     * @param threads ONNX Runtime's intra-op threads, 0 for its default
     * @return the encoder, holding a session until closed
     * @throws InvalidInputException if the file is missing or unusable, a name is unknown, or the shapes
     *     do not fit the layout
     */
    public static OnnxEncoder open(Path model, String input, Layout layout, List<String> outputs, int batchSize,
            int threads) {
        String source = model.toString();
        int expected = layout == Layout.TWO_OUTPUTS ? 2 : 1;
        if (outputs.size() != expected || new LinkedHashSet<>(outputs).size() != expected) {
            throw new InvalidInputException(source + ": the " + layout.name().toLowerCase(java.util.Locale.ROOT)
                    + " layout takes " + expected + " distinct output names, not " + outputs);
        }
        OrtSession session = OnnxModels.open(model, threads);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            String in = input != null ? input : inputs.size() == 1 ? inputs.keySet().iterator().next() : null;
            if (in == null || !inputs.containsKey(in)) {
                throw new InvalidInputException(source + ": " + (in == null ? "has several inputs" : "has no input '"
                        + in + "'") + " (its inputs: " + String.join(", ", inputs.keySet()) + "): name one with 'input'");
            }
            int inDim = width(source, "input", in, inputs.get(in));
            int[] widths = new int[outputs.size()];
            for (int k = 0; k < widths.length; k++) {
                NodeInfo info = session.getOutputInfo().get(outputs.get(k));
                if (info == null) {
                    throw new InvalidInputException(source + ": has no output '" + outputs.get(k) + "' (its outputs: "
                            + String.join(", ", session.getOutputInfo().keySet()) + ")");
                }
                widths[k] = width(source, "output", outputs.get(k), info);
            }
            if (layout == Layout.TWO_OUTPUTS && widths[0] != widths[1] || layout == Layout.CONCATENATED
                    && widths[0] % 2 != 0) {
                throw new InvalidInputException(source + ": outputs " + outputs + " have widths "
                        + Arrays.toString(widths) + "; the means and log variances need the same width");
            }
            int d = layout == Layout.TWO_OUTPUTS ? widths[0] : widths[0] / 2;
            return new OnnxEncoder(source, environment, session, in, List.copyOf(outputs), inDim, d, batchSize);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new InvalidInputException(source + ": cannot read the model's inputs and outputs: " + OnnxModels.firstLine(e), e);
        }
    }

    private static int width(String source, String what, String name, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
                || tensor.getShape().length != 2 || tensor.getShape()[1] < 1) {
            throw new InvalidInputException(source + ": " + what + " '" + name + "' is not a float32 tensor of shape "
                    + "[batch, width] with a fixed width: " + node.getInfo());
        }
        return Math.toIntExact(tensor.getShape()[1]);
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int latentDimension() {
        return latentDimension;
    }

    @Override
    public Posterior encode(Samples rows) {
        if (rows.columns() != inputDimension) {
            throw new InvalidInputException(model + ": input '" + input + "' takes rows of " + inputDimension
                    + " values, not " + rows.columns());
        }
        int n = rows.rows();
        int d = latentDimension;
        double[] means = new double[n * d];
        double[] logVariances = new double[n * d];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int b = to - from;
            float[] x = new float[b * inputDimension];
            rows.copyRows(from, to, x);
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(x),
                    new long[] {b, inputDimension});
                    OrtSession.Result result = session.run(Map.of(input, tensor), Set.copyOf(outputs))) {
                float[] first = values(result, outputs.get(0), b);
                if (outputs.size() == 2) {
                    float[] second = values(result, outputs.get(1), b);
                    copy(first, 0, d, b, means, from * d);
                    copy(second, 0, d, b, logVariances, from * d);
                } else {
                    copy(first, 0, 2 * d, b, means, from * d);
                    copy(first, d, 2 * d, b, logVariances, from * d);
                }
            } catch (OrtException e) {
                throw new InvalidInputException(model + ": ONNX Runtime failed on a batch of " + b + " rows: "
                        + OnnxModels.firstLine(e), e);
            }
        }
        try {
            return Posterior.of(n, d, means, logVariances);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(model + ": " + e.getMessage(), e);
        }
    }

    private float[] values(OrtSession.Result result, String name, int rows) {
        OnnxValue value = result.get(name).orElseThrow(
                () -> new InvalidInputException(model + ": returned no output '" + name + "'"));
        if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT
                || out.getInfo().getShape()[0] != rows) {
            throw new InvalidInputException(model + ": output '" + name + "' is not a float32 tensor of " + rows
                    + " rows");
        }
        float[] v = new float[Math.toIntExact(out.getInfo().getNumElements())];
        out.getFloatBuffer().get(v);
        return v;
    }

    /** Copies d values per row, starting at {@code offset} in rows of {@code stride} values. */
    private void copy(float[] from, int offset, int stride, int rows, double[] to, int at) {
        int d = latentDimension;
        for (int i = 0; i < rows; i++) {
            for (int u = 0; u < d; u++) {
                to[at + i * d + u] = from[i * stride + offset + u];
            }
        }
    }

    /** Releases the ONNX Runtime session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": ONNX Runtime could not release its session", e);
        }
    }
}
