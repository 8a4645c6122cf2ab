package io.github.latentcheck.generator;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.spec.Options;

/** G(z) = z: the latents themselves, rounded to float. Useful to test a prior end to end. */
final class IdentityGenerator implements Generator {
    private final int dimension;

    private IdentityGenerator(int dimension) {
        this.dimension = dimension;
    }

    /**
     * @param dimension the latent (and output) dimension
     * @return the identity map
     */
    public static IdentityGenerator of(int dimension) {
        return new IdentityGenerator(dimension);
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int outputDimension() {
        return dimension;
    }

    @Override
    public Samples generate(Latents latents) {
        Samples exact = latents.toSamples();
        return Samples.ofOwned(exact.rows(), exact.columns(), exact.toFloatArray()).withColumnNames(exact.columnNames());
    }

    /** Provides {@code type: identity}. */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "identity";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            return of(context.prior().dimension());
        }
    }
}
