package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.CentralMoments;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A Gaussian mixture prior with diagonal components, as VampPrior-style models learn one (Tomczak and
 * Welling 2018, arXiv:1705.07120): \(p(z) = \sum_{k=1}^K w_k\, N(z; \mu_k, \operatorname{diag}(\sigma_k^2))\).
 *
 * <p>A draw picks component k with probability w_k (one uniform, inverted through the cumulative weights)
 * and then \(z_j = \mu_{kj} + \sigma_{kj}\varepsilon_j\) with ziggurat normals. The marginal of coordinate j
 * is the univariate mixture \(F_j(x) = \sum_k w_k \Phi((x - \mu_{kj})/\sigma_{kj})\), computed exactly as
 * that sum (and its survival function as \(\sum_k w_k \bar\Phi(\cdot)\), without cancellation); the
 * coordinate-wise checks test against it. Its quantile has no closed form: it lies between the smallest
 * and the largest component quantile \(\mu_{kj} + \sigma_{kj}\Phi^{-1}(p)\) (at the first F_j ≤ p, at the
 * last F_j ≥ p), and is found in that bracket by Brent's method (Commons Math {@link BrentSolver}) to an
 * absolute accuracy of 1e-12 times the bracket's scale. The coordinates are not independent (they share
 * the component), so the multivariate checks do not apply; the joint law is tested by
 * {@code latent-energy} or {@code latent-mmd} against fresh draws.
 */
public final class MixturePrior implements Prior {
    /** How far the weights may sum from 1 before they are refused (they are then divided by their sum). */
    static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    private final double[] weights;
    private final double[] cumulative;
    private final double[][] means;
    private final double[][] scales;
    private final int dimension;
    private final MixtureMarginal[] marginals;

    private MixturePrior(double[] weights, double[][] means, double[][] scales) {
        this.weights = weights;
        this.means = means;
        this.scales = scales;
        this.dimension = means[0].length;
        this.cumulative = cumulative(weights);
        this.marginals = new MixtureMarginal[dimension];
        for (int j = 0; j < dimension; j++) {
            double[] mu = new double[weights.length];
            double[] sd = new double[weights.length];
            for (int k = 0; k < weights.length; k++) {
                mu[k] = means[k][j];
                sd[k] = scales[k][j];
            }
            marginals[j] = new MixtureMarginal(weights, mu, sd);
        }
    }

    /**
     * @param weights the K mixture weights w_k, each strictly positive and finite, summing to 1 within
     *     {@value #WEIGHT_SUM_TOLERANCE} (they are divided by their sum)
     * @param means K rows of d finite values, the component means
     * @param scales K rows of d strictly positive finite values, the component standard deviations
     * @return the mixture
     * @throws InvalidInputException naming {@code weights[k]}, {@code means[k][j]} or {@code scales[k][j]}
     */
    public static MixturePrior of(double[] weights, double[][] means, double[][] scales) {
        int components = weights.length;
        if (components < 1) {
            throw new InvalidInputException("weights is empty: a mixture has at least one component");
        }
        double sum = 0;
        for (int k = 0; k < components; k++) {
            if (!(weights[k] > 0 && weights[k] < Double.POSITIVE_INFINITY)) {
                throw new InvalidInputException("weights[" + k + "] is not strictly positive and finite: " + weights[k]);
            }
            sum += weights[k];
        }
        if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
            throw new InvalidInputException("weights do not sum to 1 (within " + WEIGHT_SUM_TOLERANCE + "): " + sum);
        }
        if (means.length != components || scales.length != components) {
            throw new InvalidInputException("means has " + means.length + " rows and scales " + scales.length
                    + ", but there are " + components + " weights (one row per component)");
        }
        int d = means[0].length;
        Priors.checkDimension(d);
        double[] w = new double[components];
        double[][] mu = new double[components][];
        double[][] sd = new double[components][];
        for (int k = 0; k < components; k++) {
            w[k] = weights[k] / sum;
            if (means[k].length != d || scales[k].length != d) {
                throw new InvalidInputException("means[" + k + "] has " + means[k].length + " values and scales[" + k
                        + "] " + scales[k].length + ", not " + d + " (the length of means[0])");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[k][j])) {
                    throw new InvalidInputException("means[" + k + "][" + j + "] is not finite: " + means[k][j]);
                }
                if (!(scales[k][j] > 0 && scales[k][j] < Double.POSITIVE_INFINITY)) {
                    throw new InvalidInputException("scales[" + k + "][" + j + "] is not strictly positive and finite: "
                            + scales[k][j]);
                }
            }
            mu[k] = means[k].clone();
            sd[k] = scales[k].clone();
        }
        return new MixturePrior(w, mu, sd);
    }

    @Override
    public String type() {
        return "mixture";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return the number of components K */
    public int components() {
        return weights.length;
    }

    @Override
    public String description() {
        return "mixture of " + weights.length + " diagonal Gaussians in R^" + dimension;
    }

    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return marginals[coordinate];
    }

    /**
     * @throws InvalidInputException always: the moment tests assume a marginal symmetric about its mean,
     *     which a mixture's marginals are not in general
     */
    @Override
    public CentralMoments moments(int coordinate) {
        throw new InvalidInputException("the moment tests assume marginals symmetric about their mean, which a "
                + "mixture prior's are not in general: test its marginals with latent-ks, latent-ad or latent-cvm");
    }

    /** @return the running sums of the weights, the last set to exactly 1 */
    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k];
            c[k] = sum;
        }
        c[weights.length - 1] = 1;
        return c;
    }

    /** @return the component that a uniform u in [0, 1) picks: the first k with u &lt; w_1 + … + w_k */
    private static int pick(double[] cumulative, double u) {
        int k = 0;
        while (cumulative[k] <= u && k < cumulative.length - 1) {
            k++;
        }
        return k;
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        int k = pick(cumulative, rng.nextDouble());
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < dimension; j++) {
            target[offset + j] = means[k][j] + scales[k][j] * gaussian.sample();
        }
    }

    /** The univariate mixture \(\sum_k w_k N(\mu_k, \sigma_k^2)\): one coordinate's marginal. */
    static final class MixtureMarginal implements ContinuousDistribution {
        private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
        private final double[] weights;
        private final double[] cumulative;
        private final double[] means;
        private final double[] sds;
        private final double mean;
        private final double variance;

        MixtureMarginal(double[] weights, double[] means, double[] sds) {
            this.weights = weights;
            this.cumulative = MixturePrior.cumulative(weights);
            this.means = means;
            this.sds = sds;
            double m = 0;
            for (int k = 0; k < weights.length; k++) {
                m += weights[k] * means[k];
            }
            double v = 0;
            for (int k = 0; k < weights.length; k++) {
                double c = means[k] - m;
                v += weights[k] * (sds[k] * sds[k] + c * c);
            }
            this.mean = m;
            this.variance = v;
        }

        @Override
        public double density(double x) {
            double p = 0;
            for (int k = 0; k < weights.length; k++) {
                p += weights[k] * STANDARD.density((x - means[k]) / sds[k]) / sds[k];
            }
            return p;
        }

        @Override
        public double cumulativeProbability(double x) {
            return tail(x, false);
        }

        @Override
        public double survivalProbability(double x) {
            return tail(x, true);
        }

        /** @return \(\sum_k w_k \Phi(\cdot)\), or with {@code upper} \(\sum_k w_k \bar\Phi(\cdot)\), at most 1 */
        private double tail(double x, boolean upper) {
            double p = 0;
            for (int k = 0; k < weights.length; k++) {
                double t = (x - means[k]) / sds[k];
                p += weights[k] * (upper ? STANDARD.survivalProbability(t) : STANDARD.cumulativeProbability(t));
            }
            return Math.min(1, p);
        }

        @Override
        public double inverseCumulativeProbability(double p) {
            return invert(p, false);
        }

        @Override
        public double inverseSurvivalProbability(double p) {
            return invert(p, true);
        }

        /** Brent's method in the bracket of the component quantiles (see the class comment). */
        private double invert(double p, boolean upper) {
            if (!(p >= 0 && p <= 1)) {
                throw new InvalidInputException("probability is not in [0, 1]: " + p);
            }
            if (p == 0 || p == 1) {
                return (p == 0) != upper ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double z = upper ? STANDARD.inverseSurvivalProbability(p) : STANDARD.inverseCumulativeProbability(p);
            for (int k = 0; k < weights.length; k++) {
                double q = means[k] + sds[k] * z;
                lo = Math.min(lo, q);
                hi = Math.max(hi, q);
            }
            if (lo == hi) {
                return lo;
            }
            double scale = Math.max(Math.max(Math.abs(lo), Math.abs(hi)), hi - lo);
            BrentSolver solver = new BrentSolver(1e-15, 1e-12 * scale, 0);
            return upper ? solver.solve(1000, x -> survivalProbability(x) - p, lo, hi)
                    : solver.solve(1000, x -> cumulativeProbability(x) - p, lo, hi);
        }

        @Override
        public double getMean() {
            return mean;
        }

        @Override
        public double getVariance() {
            return variance;
        }

        @Override
        public double getSupportLowerBound() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public double getSupportUpperBound() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public ContinuousDistribution.Sampler createSampler(UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            return () -> {
                int k = pick(cumulative, rng.nextDouble());
                return means[k] + sds[k] * gaussian.sample();
            };
        }
    }
}
