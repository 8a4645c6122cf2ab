package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;

/**
 * A deliberately memorizing generator, to show that the harness catches copying: the first latent
 * coordinate picks a training row, {@code i = ⌊F(z_0)·N⌋}, and the other coordinates add Gaussian
 * noise of standard deviation {@code noise} (coordinate {@code 1 + (c mod (d−1))} drives column c;
 * with a one-dimensional latent there is no noise).
 */
public final class CopierGenerator implements Generator {
    private final Samples training;
    private final double noise;
    private final Prior prior;

    private CopierGenerator(Samples training, double noise, Prior prior) {
        this.training = training;
        this.noise = noise;
        this.prior = prior;
    }

    /**
     * @param training the rows to copy
     * @param noise the standard deviation of the added noise, at least 0
     * @param prior the prior the latents come from
     * @return the generator
     */
    public static CopierGenerator of(Samples training, double noise, Prior prior) {
        if (!(noise >= 0 && noise < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException("copier noise is not non-negative and finite: " + noise);
        }
        return new CopierGenerator(training, noise, prior);
    }

    @Override
    public int inputDimension() {
        return prior.dimension();
    }

    @Override
    public int outputDimension() {
        return training.columns();
    }

    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        int d = latents.dimension();
        int columns = training.columns();
        float[] out = new float[n * columns];
        for (int r = 0; r < n; r++) {
            int row = Marginals.pick(Marginals.toUniform(prior.marginal(0), latents.value(r, 0)), training.rows());
            for (int c = 0; c < columns; c++) {
                double value = training.value(row, c);
                if (d > 1 && noise > 0) {
                    int j = 1 + c % (d - 1);
                    value += noise * Marginals.toStandardNormal(prior.marginal(j), latents.value(r, j));
                }
                out[r * columns + c] = (float) value;
            }
        }
        return Samples.ofOwned(n, columns, out).withColumnNames(training.columnNames());
    }

    /** Provides {@code type: copier} with {@code noise} (default 1e-4); needs training data. */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "copier";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            return of(context.requireTraining(), options.number("noise", 1e-4), context.prior());
        }
    }
}
