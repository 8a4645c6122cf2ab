package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.CentralMoments;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * The truncation trick of BigGAN (Brock, Donahue and Simonyan 2019, arXiv:1809.11096): each
 * coordinate is standard normal, redrawn until {@code |z_j| <= τ}. The coordinates are therefore
 * independent, each N(0, 1) truncated to [−τ, τ].
 */
public final class TruncatedNormalPrior implements Prior {
    private final int dimension;
    private final double threshold;
    private final TruncatedNormalDistribution marginal;

    private TruncatedNormalPrior(int dimension, double threshold) {
        this.dimension = Priors.checkDimension(dimension);
        if (!(threshold > 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException("truncation threshold is not strictly positive and finite: " + threshold);
        }
        this.threshold = threshold;
        this.marginal = TruncatedNormalDistribution.of(0, 1, -threshold, threshold);
    }

    /**
     * @param dimension the latent dimension d, at least 1
     * @param threshold the truncation threshold τ &gt; 0
     * @return N(0, I_d) truncated coordinate-wise to [−τ, τ]
     */
    public static TruncatedNormalPrior of(int dimension, double threshold) {
        return new TruncatedNormalPrior(dimension, threshold);
    }

    /** @return the truncation threshold τ */
    public double threshold() {
        return threshold;
    }

    @Override
    public String type() {
        return "truncated";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String description() {
        return "N(0, I_" + dimension + ") truncated to |z_j| <= " + Priors.format(threshold);
    }

    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return marginal;
    }

    @Override
    public CentralMoments moments(int coordinate) {
        return CentralMoments.truncatedNormal(threshold);
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < dimension; j++) {
            double z;
            do {
                z = gaussian.sample();
            } while (Math.abs(z) > threshold);
            target[offset + j] = z;
        }
    }
}
