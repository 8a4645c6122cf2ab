package io.github.latentcheck.prior;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.stats.CentralMoments;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * A latent prior: the distribution that latent vectors z are drawn from. The same object draws
 * latents and tells the tests what to expect: the marginal distribution of each coordinate (its
 * CDF and density), and hence the marginal mean and variance.
 *
 * <p>Implementations are immutable and thread-safe; all randomness comes from the provider passed
 * to {@link #sample(UniformRandomProvider, double[], int)}.
 */
public interface Prior {
    /** @return the prior's type as written in experiment specs, e.g. {@code "gaussian"} */
    String type();

    /** @return the latent dimension d */
    int dimension();

    /** @return a short mathematical description, e.g. {@code "N(0, I_8)"} */
    String description();

    /**
     * @param coordinate the coordinate index, in [0, d)
     * @return the marginal distribution of that coordinate
     */
    ContinuousDistribution marginal(int coordinate);

    /**
     * @param coordinate the coordinate index, in [0, d)
     * @return the mean and central moments of that coordinate's marginal, for the moment tests
     */
    CentralMoments moments(int coordinate);

    /**
     * Draws one latent vector.
     *
     * @param rng the source of randomness
     * @param target where the vector is written
     * @param offset the index of its first coordinate in {@code target}
     */
    void sample(UniformRandomProvider rng, double[] target, int offset);

    /**
     * Draws {@code rows} latent vectors from one random stream, one after another: {@link LatentSampler}
     * calls this once per block. The default calls {@link #sample} for each row; a prior that draws
     * whole batches more cheaply (a flow, which runs a model) overrides it, drawing the same values
     * for the same stream.
     *
     * @param rng the source of randomness
     * @param rows the number of vectors
     * @param target where the vectors are written, row-major
     * @param offset the index of the first vector's first coordinate in {@code target}
     */
    default void sampleRows(UniformRandomProvider rng, int rows, double[] target, int offset) {
        for (int r = 0; r < rows; r++) {
            sample(rng, target, offset + r * dimension());
        }
    }

    /**
     * What the coordinate-wise latent checks ({@code latent-ks}, {@code latent-ad}, {@code latent-cvm},
     * {@code moments}) test: the mapped latents' coordinates against the law's marginals. The default:
     * the latents as they are, against this prior's {@link #marginal(int)}.
     *
     * @return the reference of the coordinate-wise checks
     */
    default LatentReference marginalReference() {
        return LatentReference.of(this);
    }

    /**
     * What the multivariate latent checks ({@code latent-norm}, {@code latent-independence},
     * {@code mardia}, {@code henze-zirkler}) test: the mapped latents against the law, which for these
     * checks has independent coordinates (or is the sphere). The default: the latents as they are,
     * against this prior.
     *
     * @return the reference of the multivariate checks
     */
    default LatentReference jointReference() {
        return LatentReference.of(this);
    }

    /**
     * @return whether there is a distribution that latents can be tested against through
     *     {@link #marginalReference()} and {@link #jointReference()}; a {@link FilePrior} without a
     *     reference and a {@link FlowPrior} without an inverse have none
     */
    default boolean hasReference() {
        return true;
    }

    /**
     * The latents of one run. Priors draw them with {@link LatentSampler}; a {@link FilePrior}
     * replays its rows instead.
     *
     * @param rows the number of latents, at least 1
     * @param seed the run's seed
     * @param threads the number of threads; the latents do not depend on it
     * @return {@code rows} latents
     */
    default Latents draw(int rows, long seed, int threads) {
        return LatentSampler.sample(this, rows, seed, threads);
    }
}
