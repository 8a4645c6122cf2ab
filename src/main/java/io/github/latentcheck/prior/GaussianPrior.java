package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.CentralMoments;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The standard normal prior N(0, I_d), the usual latent prior of GANs and VAEs. Coordinates are
 * drawn with the McFarland ziggurat (Commons RNG {@code ZigguratSampler.NormalizedGaussian}).
 */
public final class GaussianPrior implements Prior {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private final int dimension;

    private GaussianPrior(int dimension) {
        this.dimension = Priors.checkDimension(dimension);
    }

    /**
     * @param dimension the latent dimension d, at least 1
     * @return N(0, I_d)
     * @throws InvalidInputException if {@code dimension < 1}
     */
    public static GaussianPrior of(int dimension) {
        return new GaussianPrior(dimension);
    }

    @Override
    public String type() {
        return "gaussian";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String description() {
        return "N(0, I_" + dimension + ")";
    }

    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return STANDARD_NORMAL;
    }

    @Override
    public CentralMoments moments(int coordinate) {
        return CentralMoments.gaussian(0, 1);
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < dimension; j++) {
            target[offset + j] = gaussian.sample();
        }
    }
}
