package io.github.latentcheck.prior;

import io.github.latentcheck.stats.CentralMoments;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * Points uniform on the sphere of radius √d in R^d: a standard normal vector divided by its norm
 * and scaled by √d (Muller 1959, doi:10.1145/377939.377946). Each coordinate then has mean 0 and
 * variance 1, like N(0, 1), but the norm is fixed.
 *
 * <p>Marginal: for a coordinate x, {@code (x/√d + 1)/2 ~ Beta((d−1)/2, (d−1)/2)} for d ≥ 2, so the
 * marginal CDF is {@code F(x) = I_{(x/√d+1)/2}((d−1)/2, (d−1)/2)}.
 */
public final class SpherePrior implements Prior {
    private final int dimension;
    private final double radius;
    private final ContinuousDistribution marginal;

    private SpherePrior(int dimension) {
        if (dimension < 2) {
            throw new io.github.latentcheck.InvalidInputException(
                    "sphere prior dimension is not at least 2: " + dimension);
        }
        this.dimension = dimension;
        this.radius = Math.sqrt(dimension);
        double shape = (dimension - 1) / 2.0;
        this.marginal = new ScaledBeta(BetaDistribution.of(shape, shape), radius);
    }

    /**
     * @param dimension the latent dimension d, at least 2
     * @return the uniform distribution on the sphere of radius √d
     */
    public static SpherePrior of(int dimension) {
        return new SpherePrior(dimension);
    }

    @Override
    public String type() {
        return "sphere";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String description() {
        return "uniform on the sphere of radius sqrt(" + dimension + ") in R^" + dimension;
    }

    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return marginal;
    }

    @Override
    public CentralMoments moments(int coordinate) {
        return CentralMoments.sphereMarginal(dimension);
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double norm2;
        do {
            norm2 = 0;
            for (int j = 0; j < dimension; j++) {
                double g = gaussian.sample();
                target[offset + j] = g;
                norm2 += g * g;
            }
        } while (norm2 == 0);
        double scale = radius / Math.sqrt(norm2);
        for (int j = 0; j < dimension; j++) {
            target[offset + j] *= scale;
        }
    }

    /**
     * The law of {@code x = r(2B − 1)} for B ~ Beta(a, a): the marginal of one coordinate of a point
     * uniform on the sphere of radius r. Commons Statistics has no location-scale wrapper, so this
     * maps the Beta distribution's functions; upper tails go through the Beta survival function.
     */
    private static final class ScaledBeta implements ContinuousDistribution {
        private final BetaDistribution beta;
        private final double radius;

        ScaledBeta(BetaDistribution beta, double radius) {
            this.beta = beta;
            this.radius = radius;
        }

        private double toUnit(double x) {
            return (x / radius + 1) / 2;
        }

        private double fromUnit(double u) {
            return radius * (2 * u - 1);
        }

        @Override
        public double density(double x) {
            return beta.density(toUnit(x)) / (2 * radius);
        }

        @Override
        public double logDensity(double x) {
            return beta.logDensity(toUnit(x)) - Math.log(2 * radius);
        }

        @Override
        public double cumulativeProbability(double x) {
            return beta.cumulativeProbability(toUnit(x));
        }

        @Override
        public double survivalProbability(double x) {
            return beta.survivalProbability(toUnit(x));
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return fromUnit(beta.inverseCumulativeProbability(p));
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            return fromUnit(beta.inverseSurvivalProbability(p));
        }

        @Override
        public double getMean() {
            return 0;
        }

        @Override
        public double getVariance() {
            return 4 * radius * radius * beta.getVariance();
        }

        @Override
        public double getSupportLowerBound() {
            return -radius;
        }

        @Override
        public double getSupportUpperBound() {
            return radius;
        }

        @Override
        public ContinuousDistribution.Sampler createSampler(UniformRandomProvider rng) {
            ContinuousDistribution.Sampler unit = beta.createSampler(rng);
            return () -> fromUnit(unit.sample());
        }
    }
}
