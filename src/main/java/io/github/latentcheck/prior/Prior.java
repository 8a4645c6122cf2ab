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
     * @return whether {@link #marginal(int)} and {@link #moments(int)} describe a distribution that
     *     latents can be tested against; only a {@link FilePrior} without a reference has none
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
