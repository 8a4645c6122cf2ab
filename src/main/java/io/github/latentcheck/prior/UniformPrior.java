package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.CentralMoments;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/** The uniform prior U(a, b)^d with independent coordinates; U(−1, 1)^d by default. */
public final class UniformPrior implements Prior {
    private final int dimension;
    private final double lower;
    private final double upper;
    private final UniformContinuousDistribution marginal;

    private UniformPrior(int dimension, double lower, double upper) {
        this.dimension = Priors.checkDimension(dimension);
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper)) {
            throw new InvalidInputException("uniform prior bounds are not finite with low < high: low="
                    + lower + ", high=" + upper);
        }
        this.lower = lower;
        this.upper = upper;
        this.marginal = UniformContinuousDistribution.of(lower, upper);
    }

    /**
     * @param dimension the latent dimension d, at least 1
     * @param lower the lower bound a
     * @param upper the upper bound b, greater than a
     * @return U(a, b)^d
     */
    public static UniformPrior of(int dimension, double lower, double upper) {
        return new UniformPrior(dimension, lower, upper);
    }

    @Override
    public String type() {
        return "uniform";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String description() {
        return "U(" + Priors.format(lower) + ", " + Priors.format(upper) + ")^" + dimension;
    }

    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return marginal;
    }

    @Override
    public CentralMoments moments(int coordinate) {
        return CentralMoments.uniform(lower, upper);
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        for (int j = 0; j < dimension; j++) {
            target[offset + j] = rng.nextDouble(lower, upper);
        }
    }
}
