package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * A latent-driven sampler of a Gaussian mixture: the first latent coordinate picks the mode through
 * the prior's marginal CDF, {@code k = kept[⌊F(z_0)·K'⌋]}, and the next D coordinates give the
 * within-mode noise, {@code x_a = μ_{k,a} + σ Φ⁻¹(F(z_{1+a}))}. Under the declared prior the output
 * is the mixture restricted to the kept modes, with equal weights among them. Further latent
 * coordinates are ignored.
 *
 * <p>Types: {@code ring} and {@code grid} keep every mode; {@code mode-dropper} never emits the
 * modes listed in {@code drop}, to show that the harness catches mode collapse.
 */
public final class MixtureGenerator implements Generator {
    private final GaussianMixture mixture;
    private final int[] kept;
    private final Prior prior;

    private MixtureGenerator(GaussianMixture mixture, int[] kept, Prior prior) {
        this.mixture = mixture;
        this.kept = kept;
        this.prior = prior;
    }

    /**
     * @param mixture the mixture
     * @param dropped modes never emitted (may be empty)
     * @param prior the prior the latents come from; its dimension must be at least 1 + D
     * @return the generator
     */
    public static MixtureGenerator of(GaussianMixture mixture, int[] dropped, Prior prior) {
        int needed = 1 + mixture.dimension();
        if (prior.dimension() < needed) {
            throw new InvalidInputException("a " + mixture.name() + " sampler needs a latent dimension of at least "
                    + needed + " (one to pick the mode, " + mixture.dimension() + " for the noise): "
                    + prior.dimension());
        }
        boolean[] drop = new boolean[mixture.modes()];
        for (int d : dropped) {
            if (d < 0 || d >= mixture.modes()) {
                throw new InvalidInputException("dropped mode is not in [0, " + mixture.modes() + "): " + d);
            }
            drop[d] = true;
        }
        int[] kept = new int[mixture.modes()];
        int count = 0;
        for (int k = 0; k < drop.length; k++) {
            if (!drop[k]) {
                kept[count++] = k;
            }
        }
        if (count == 0) {
            throw new InvalidInputException("every mode of " + mixture.name() + " is dropped");
        }
        return new MixtureGenerator(mixture, Arrays.copyOf(kept, count), prior);
    }

    @Override
    public int inputDimension() {
        return prior.dimension();
    }

    @Override
    public int outputDimension() {
        return mixture.dimension();
    }

    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        int dim = mixture.dimension();
        float[] x = new float[n * dim];
        ContinuousDistribution pickMarginal = prior.marginal(0);
        for (int r = 0; r < n; r++) {
            int mode = kept[Marginals.pick(Marginals.toUniform(pickMarginal, latents.value(r, 0)), kept.length)];
            for (int a = 0; a < dim; a++) {
                double noise = Marginals.toStandardNormal(prior.marginal(1 + a), latents.value(r, 1 + a));
                x[r * dim + a] = (float) (mixture.centre(mode, a) + mixture.sd() * noise);
            }
        }
        return Samples.ofOwned(n, dim, x);
    }

    static GaussianMixture mixture(Options options, String layout) {
        switch (layout) {
            case "ring":
                return GaussianMixture.ring(options.integer("modes", 8, 1), options.number("radius", 2),
                        options.number("sd", 0.02));
            case "grid":
                return GaussianMixture.grid(options.integer("size", 5, 1), options.number("spacing", 2),
                        options.number("sd", 0.05));
            default:
                throw new InvalidInputException(options.where("layout") + ": unknown mixture layout '" + layout
                        + "' (known: ring, grid)");
        }
    }

    /** Provides {@code type: ring} (8 modes, radius 2, sd 0.02 unless given). */
    public static final class RingProvider implements GeneratorProvider {
        @Override
        public String type() {
            return "ring";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            return of(mixture(options, "ring"), new int[0], context.prior());
        }
    }

    /** Provides {@code type: grid} (5 × 5 modes, spacing 2, sd 0.05 unless given). */
    public static final class GridProvider implements GeneratorProvider {
        @Override
        public String type() {
            return "grid";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            return of(mixture(options, "grid"), new int[0], context.prior());
        }
    }

    /** Provides {@code type: mode-dropper}: {@code layout: ring|grid} and the modes to {@code drop}. */
    public static final class ModeDropperProvider implements GeneratorProvider {
        @Override
        public String type() {
            return "mode-dropper";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            int[] drop = options.integers("drop");
            if (drop.length == 0) {
                throw new InvalidInputException(options.where() + ": generator 'mode-dropper' needs 'drop', "
                        + "a list of mode indices it never emits");
            }
            return of(mixture(options, options.string("layout", "ring")), drop, context.prior());
        }
    }
}
