package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * A seeded Monte Carlo null distribution for a statistic of a sample from a fully specified reference
 * distribution: for small samples, where a test's normal approximation is off (the skewness and kurtosis
 * tests of {@link MomentTests} at n ≤ 100), the p-value is computed from \(B\) samples of the same size
 * drawn from the reference itself.
 *
 * <p>With \(T_0\) the observed statistic and \(T_1, \dots, T_B\) those of the simulated samples,
 * \[ p = \frac{1 + \#\{b : |T_b| \ge |T_0|\}}{B + 1}, \]
 * valid, \(P(p \le \alpha) \le \alpha\), for every \(B\) because \(T_0, \dots, T_B\) are exchangeable
 * under H0; for a continuous statistic \(P(p &lt; \alpha) = \lceil \alpha (B + 1) - 1 \rceil / (B + 1)\)
 * exactly (0.045 for \(B = 199\), 0.049 for \(B = 999\)) (Barnard 1963; Phipson &amp; Smyth 2010). As in
 * {@link Permutations}, \(|T_b| \ge |T_0|\) is decided with a relative tolerance of \(100\,\epsilon\).
 * The result's method is {@link PValueMethod#ESTIMATE}.
 *
 * <p>It is used only for samples of at most {@link #maxSampleSize()} values (default
 * {@value #DEFAULT_MAX_SAMPLE_SIZE}); larger samples keep the asymptotic p-value, whose size is within
 * its 99.9 % binomial interval at n = 1000 in the long calibration, and a Monte Carlo null would cost
 * \(B n\) draws per test. The draws come from one XoShiRo256++ stream seeded with the seed (Commons RNG)
 * through the reference's own sampler, so the p-value depends only on the seed, \(B\) and the data.
 *
 * <p>References:
 * <ol>
 * <li>Barnard, G. A. (1963). Discussion of Bartlett, M. S., The spectral analysis of point processes.
 * <i>Journal of the Royal Statistical Society B</i> 25(2), 294, doi:10.1111/j.2517-6161.1963.tb00511.x.
 * <li>Phipson, B. &amp; Smyth, G. K. (2010). Permutation p-values should never be zero.
 * <i>Statistical Applications in Genetics and Molecular Biology</i> 9(1), doi:10.2202/1544-6115.1585.
 * </ol>
 *
 * <p>Immutable: {@link #of(ContinuousDistribution, int, long)}, {@link #withMaxSampleSize(int)}.
 */
public final class MonteCarloNull {
    /** The default number of simulated samples, \(B = 999\). */
    public static final int DEFAULT_DRAWS = 999;
    /** The default largest sample for which the Monte Carlo null is used. */
    public static final int DEFAULT_MAX_SAMPLE_SIZE = 500;
    private static final double TIE_TOLERANCE = 100 * Math.ulp(1.0);

    private final ContinuousDistribution reference;
    private final int draws;
    private final long seed;
    private final int maxSampleSize;

    private MonteCarloNull(ContinuousDistribution reference, int draws, long seed, int maxSampleSize) {
        this.reference = reference;
        this.draws = draws;
        this.seed = seed;
        this.maxSampleSize = maxSampleSize;
    }

    /**
     * @param reference the fully specified reference distribution (H0), whose moments the test uses
     * @param draws the number of simulated samples \(B\), at least 1
     * @param seed the seed
     * @return the options, used up to {@value #DEFAULT_MAX_SAMPLE_SIZE} values
     * @throws InvalidInputException if {@code draws} is below 1
     */
    public static MonteCarloNull of(ContinuousDistribution reference, int draws, long seed) {
        Objects.requireNonNull(reference, "reference");
        if (draws < 1) {
            throw new InvalidInputException("draws is not at least 1: " + draws);
        }
        return new MonteCarloNull(reference, draws, seed, DEFAULT_MAX_SAMPLE_SIZE);
    }

    /**
     * @param size the largest sample for which the Monte Carlo null is used, at least 0
     * @return a copy with that limit
     * @throws InvalidInputException if {@code size} is negative
     */
    public MonteCarloNull withMaxSampleSize(int size) {
        if (size < 0) {
            throw new InvalidInputException("maxSampleSize is not at least 0: " + size);
        }
        return new MonteCarloNull(reference, draws, seed, size);
    }

    /** @return the number of simulated samples \(B\) */
    public int draws() {
        return draws;
    }

    /** @return the largest sample for which the Monte Carlo null is used */
    public int maxSampleSize() {
        return maxSampleSize;
    }

    /**
     * @param n the sample size
     * @return whether a sample of size {@code n} gets the Monte Carlo p-value
     */
    boolean appliesTo(int n) {
        return n <= maxSampleSize;
    }

    /**
     * @param n the sample size
     * @param observed the observed statistic \(T_0\)
     * @param statistic the statistic of a sample (two-sided: compared in absolute value)
     * @return \((1 + \#\{|T_b| \ge |T_0|\}) / (B + 1)\)
     */
    double pValue(int n, double observed, ToDoubleFunction<double[]> statistic) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ContinuousDistribution.Sampler sampler = reference.createSampler(rng);
        double threshold = Math.abs(observed) * (1 - TIE_TOLERANCE);
        double[] sample = new double[n];
        long count = 0;
        for (int b = 0; b < draws; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = sampler.sample();
            }
            count += Math.abs(statistic.applyAsDouble(sample)) >= threshold ? 1 : 0;
        }
        return (count + 1.0) / (draws + 1.0);
    }
}
