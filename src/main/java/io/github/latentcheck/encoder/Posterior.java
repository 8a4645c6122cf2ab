package io.github.latentcheck.encoder;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The encoder's posteriors for n data rows: row i is \(N(\mu_i, \operatorname{diag}(e^{\ell_i}))\)
 * with means \(\mu_i\) and log variances \(\ell_i = \log\sigma_i^2\) in \(\mathbb{R}^d\). Immutable.
 */
public final class Posterior {
    private final int rows;
    private final int dimension;
    private final double[] means;
    private final double[] logVariances;

    private Posterior(int rows, int dimension, double[] means, double[] logVariances) {
        this.rows = rows;
        this.dimension = dimension;
        this.means = means;
        this.logVariances = logVariances;
    }

    /**
     * @param rows n, at least 1
     * @param dimension d, at least 1
     * @param means the n × d means, row-major (copied)
     * @param logVariances the n × d log variances, row-major (copied)
     * @return the posteriors
     * @throws InvalidInputException if the sizes disagree or a value is not finite (naming row and coordinate)
     */
    public static Posterior of(int rows, int dimension, double[] means, double[] logVariances) {
        if (rows < 1 || dimension < 1) {
            throw new InvalidInputException("posterior is not at least 1 x 1: " + rows + " x " + dimension);
        }
        long size = (long) rows * dimension;
        if (means.length != size || logVariances.length != size) {
            throw new InvalidInputException("posterior of " + rows + " x " + dimension + " has " + means.length
                    + " means and " + logVariances.length + " log variances");
        }
        for (int k = 0; k < size; k++) {
            if (!Double.isFinite(means[k]) || !Double.isFinite(logVariances[k])) {
                throw new InvalidInputException("the encoder's " + (Double.isFinite(means[k]) ? "logvar" : "mu")
                        + " is not finite at row " + k / dimension + ", coordinate " + k % dimension + " (0-based): "
                        + (Double.isFinite(means[k]) ? logVariances[k] : means[k]));
            }
        }
        return new Posterior(rows, dimension, means.clone(), logVariances.clone());
    }

    /** @return n, the number of rows */
    public int rows() {
        return rows;
    }

    /** @return d, the latent dimension */
    public int dimension() {
        return dimension;
    }

    /**
     * @param row i
     * @param coordinate u
     * @return \(\mu_{iu}\)
     */
    public double mean(int row, int coordinate) {
        return means[row * dimension + coordinate];
    }

    /**
     * @param row i
     * @param coordinate u
     * @return \(\log\sigma^2_{iu}\)
     */
    public double logVariance(int row, int coordinate) {
        return logVariances[row * dimension + coordinate];
    }

    /** @return the means as latents, one row per data row */
    public Latents means() {
        return Latents.of(rows, dimension, means);
    }

    /**
     * One draw \(z_i = \mu_i + \sigma_i \odot \varepsilon_i\), \(\varepsilon_i \sim N(0, I_d)\), per row:
     * with one draw per data row and the rows a sample of the data, the draws are a sample of the
     * aggregate posterior \(q(z) = E_x\, q(z \mid x)\). Seeded: one XoShiRo256++ stream
     * ({@code RandomSource.XO_SHI_RO_256_PP.create(seed)}), the rows in order, so the draws depend on
     * nothing else.
     *
     * @param seed the seed
     * @return n latents
     */
    public Latents draw(long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[means.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = means[k] + Math.exp(0.5 * logVariances[k]) * gaussian.sample();
        }
        return Latents.ofOwned(rows, dimension, z);
    }
}
