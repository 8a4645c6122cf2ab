package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.OnnxGenerator;
import io.github.latentcheck.stats.CentralMoments;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * A learned flow prior: z = f(ε), with ε drawn from a base prior (N(0, I_k) or a uniform, of its own
 * dimension k) and f an ONNX model (a normalizing flow such as RealNVP, Dinh, Sohl-Dickstein and Bengio
 * 2017, arXiv:1605.08803) mapping a float32 {@code [batch, k]} tensor to a {@code [batch, d]} one.
 *
 * <p>Drawing: each block of {@link LatentSampler#BLOCK_ROWS} rows draws its ε from the block's seeded
 * stream exactly as the base prior does, then pushes the block through f in one call (ONNX Runtime on
 * one intra-op thread, opened for the block and closed after it), so the latents depend only on the
 * seed, never on the thread count. ε is rounded to float32 on the way in and z is float32 widened to
 * double.
 *
 * <p>Testing: a flow's marginals have no closed form. With an {@code inverse} model f⁻¹ ({@code [batch, d]}
 * to {@code [batch, k]}) every latent check tests \(f^{-1}(z)\) against the base
 * ({@link #marginalReference()}, {@link #jointReference()}): that is an exact test of whatever produced z,
 * since z ~ f(base) exactly when f⁻¹(z) ~ base. The inverse is verified when the prior is made:
 * \(|f^{-1}(f(\varepsilon)) - \varepsilon| \le\) {@value #ROUND_TRIP_TOLERANCE} · (1 + |ε|) on
 * {@value #ROUND_TRIP_ROWS} seeded base draws. Without an inverse the prior has no reference
 * ({@link #hasReference()} is false) and z is compared with fresh draws by {@code latent-energy} or
 * {@code latent-mmd}.
 *
 * <p>ONNX Runtime is an optional dependency: {@link Priors} refuses {@code type: flow} without it
 * ({@link io.github.latentcheck.generator.OnnxRuntime#isPresent()}), before this class is loaded.
 */
public final class FlowPrior implements Prior {
    /** Rows the inverse is verified on. */
    static final int ROUND_TRIP_ROWS = 256;
    /** The largest error of f⁻¹(f(ε)) allowed, relative to 1 + |ε| (float32 models lose about 1e-6). */
    static final double ROUND_TRIP_TOLERANCE = 1e-3;

    private final Path model;
    private final Path inverse;
    private final Prior base;
    private final int dimension;

    private FlowPrior(Path model, Path inverse, Prior base, int dimension) {
        this.model = model;
        this.inverse = inverse;
        this.base = base;
        this.dimension = dimension;
    }

    /**
     * @param model the flow f, an ONNX model from the base's dimension to the latent dimension
     * @param inverse its inverse f⁻¹, or null for none
     * @param base the base prior ε is drawn from
     * @return the prior
     * @throws InvalidInputException naming the model when it cannot be loaded, its input does not take
     *     the base's dimension, the inverse's shapes do not mirror the flow's, or the inverse does not
     *     invert the flow
     */
    public static FlowPrior of(Path model, Path inverse, Prior base) {
        int dimension;
        try (OnnxGenerator f = open(model)) {
            if (f.inputDimension() != base.dimension()) {
                throw new InvalidInputException(model + ": the flow's input '" + f.inputName() + "' takes "
                        + f.inputDimension() + " values per row, but the base " + base.description() + " has dimension "
                        + base.dimension());
            }
            dimension = f.outputDimension();
        }
        if (inverse != null) {
            try (OnnxGenerator g = open(inverse)) {
                if (g.inputDimension() != dimension || g.outputDimension() != base.dimension()) {
                    throw new InvalidInputException(inverse + ": the inverse maps " + g.inputDimension() + " values to "
                            + g.outputDimension() + ", but the flow " + model + " maps " + base.dimension() + " to "
                            + dimension);
                }
            }
        }
        FlowPrior prior = new FlowPrior(model, inverse, base, dimension);
        if (inverse != null) {
            prior.verifyInverse();
        }
        return prior;
    }

    /**
     * @param model an ONNX model
     * @return the number of values its input takes per row
     * @throws InvalidInputException naming the model when it cannot be loaded
     */
    static int inputDimension(Path model) {
        try (OnnxGenerator f = open(model)) {
            return f.inputDimension();
        }
    }

    private static OnnxGenerator open(Path file) {
        return OnnxGenerator.open(file, null, null, OnnxGenerator.DEFAULT_BATCH, 1);
    }

    private void verifyInverse() {
        Latents eps = LatentSampler.sample(base, ROUND_TRIP_ROWS, 0, 1);
        Latents back = pullBack(LatentSampler.sample(this, ROUND_TRIP_ROWS, 0, 1));
        for (int r = 0; r < ROUND_TRIP_ROWS; r++) {
            for (int j = 0; j < base.dimension(); j++) {
                double e = (float) eps.value(r, j);
                double error = Math.abs(back.value(r, j) - e);
                if (!(error <= ROUND_TRIP_TOLERANCE * (1 + Math.abs(e)))) {
                    throw new InvalidInputException(inverse + ": is not the inverse of the flow " + model
                            + ": on seeded base draw " + r + ", coordinate " + j + ", f^-1(f(eps)) = " + back.value(r, j)
                            + " but eps = " + e + " (allowed: " + ROUND_TRIP_TOLERANCE + " * (1 + |eps|))");
                }
            }
        }
    }

    @Override
    public String type() {
        return "flow";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String description() {
        return "flow " + model.getFileName() + " of " + base.description()
                + (inverse == null ? ", no inverse" : ", inverse " + inverse.getFileName());
    }

    /** @return the base prior ε is drawn from */
    public Prior base() {
        return base;
    }

    /** @return the inverse model, when given */
    public Optional<Path> inverse() {
        return Optional.ofNullable(inverse);
    }

    @Override
    public boolean hasReference() {
        return inverse != null;
    }

    /**
     * @throws InvalidInputException always: a flow's marginals have no closed form (its latent checks test
     *     f⁻¹(z) against the base)
     */
    @Override
    public ContinuousDistribution marginal(int coordinate) {
        throw noClosedForm();
    }

    /**
     * @throws InvalidInputException always, as {@link #marginal(int)}
     */
    @Override
    public CentralMoments moments(int coordinate) {
        throw noClosedForm();
    }

    private InvalidInputException noClosedForm() {
        return new InvalidInputException("the flow prior " + model.getFileName() + " has no closed-form marginals: "
                + "its latent checks test f^-1(z) against the base");
    }

    /** @return f⁻¹(z) against the base, or bad input when there is no inverse */
    @Override
    public LatentReference marginalReference() {
        if (inverse == null) {
            throw new InvalidInputException("the flow prior " + model.getFileName() + " has no inverse to test its "
                    + "latents exactly: give it 'inverse: MODEL.onnx', or compare them with fresh draws by latent-energy "
                    + "or latent-mmd");
        }
        return LatentReference.mapped(base, this::pullBack, "f^-1(z) through " + inverse.getFileName());
    }

    /** @return as {@link #marginalReference()} */
    @Override
    public LatentReference jointReference() {
        return marginalReference();
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        sampleRows(rng, 1, target, offset);
    }

    /** Draws the rows' ε from {@code rng} as the base does, then pushes them through the flow in one call. */
    @Override
    public void sampleRows(UniformRandomProvider rng, int rows, double[] target, int offset) {
        double[] eps = new double[rows * base.dimension()];
        base.sampleRows(rng, rows, eps, 0);
        Samples z;
        try (OnnxGenerator f = open(model)) {
            z = f.generate(Latents.ofOwned(rows, base.dimension(), eps));
        }
        z.copyRows(0, rows, target, offset);
    }

    /**
     * @param latents draws in R^d
     * @return f⁻¹(z) of each row, through the inverse model in batches of {@link OnnxGenerator#DEFAULT_BATCH}
     */
    Latents pullBack(Latents latents) {
        int n = latents.rows();
        int k = base.dimension();
        double[] out = new double[n * k];
        try (OnnxGenerator g = open(inverse)) {
            for (int from = 0; from < n; from += OnnxGenerator.DEFAULT_BATCH) {
                int to = Math.min(n, from + OnnxGenerator.DEFAULT_BATCH);
                g.generate(latents.slice(from, to)).copyRows(0, to - from, out, from * k);
            }
        }
        return Latents.ofOwned(n, k, out);
    }
}
