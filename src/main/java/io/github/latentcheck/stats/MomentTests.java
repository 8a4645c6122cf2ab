package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Two-sided tests of a sample's mean, variance, skewness and kurtosis against those of a reference
 * distribution given by its {@link CentralMoments}, and the omnibus moment tests of normality
 * (Jarque–Bera, D'Agostino–Pearson \(K^2\)).
 *
 * <p>When the reference is {@linkplain CentralMoments#isGaussian() Gaussian} the classical
 * normal-theory tests are used (the exact z and \(\chi^2\) tests; D'Agostino's skewness test and the
 * Anscombe–Glynn kurtosis test, computed exactly as {@code scipy.stats.skewtest} and
 * {@code scipy.stats.kurtosistest}). Otherwise the statistic is standardised with its large-sample
 * (delta-method) variance, which needs the reference's central moments up to \(\mu_8\), and the
 * p-value is from the standard normal: {@link PValueMethod#ASYMPTOTIC}.
 *
 * <p>Small samples: the overloads of {@link #skewness(double[], CentralMoments, MonteCarloNull)} and
 * {@link #kurtosis(double[], CentralMoments, MonteCarloNull)} take the reference distribution itself and
 * compute the p-value of the same statistic from a seeded Monte Carlo null when the sample has at most
 * {@value MonteCarloNull#DEFAULT_MAX_SAMPLE_SIZE} values (configurable): the normal approximations are
 * off there (see those methods), the Monte Carlo p-value is valid at every n.
 *
 * <p>Sample moments are the biased ones, \(m_k = n^{-1} \sum_i (x_i - \bar{x})^k\), computed in two
 * passes (the mean with a second-pass correction). Every two-sided normal p-value is
 * \(p = \operatorname{erfc}(|z| / \sqrt{2}) = 2\,\overline{\Phi}(|z|)\), and its logarithm
 * ({@link TestResult#logPValue()}) is computed directly ({@link LogTails}), finite where p underflows. The
 * cube root of the Anscombe–Glynn statistic is {@link StrictMath#cbrt}: {@code Math.cbrt} gives different
 * last digits on JDK 17 and JDK 25 (a new intrinsic), and every statistic here must be identical across
 * JVMs.
 *
 * <p>Input rules, checked once: the sample is non-null, every value is finite, and its size is at
 * least the test's minimum (2 for the mean and variance, 8 for skewness, 5 for kurtosis, as in scipy).
 * Skewness and kurtosis also need a sample with non-zero variance. A broken rule raises
 * {@link InvalidInputException} naming the rule and the value.
 */
public final class MomentTests {
    /** Smallest sample for the mean and variance tests. */
    static final int MIN_N = 2;
    /** Smallest sample for the skewness test (scipy.stats.skewtest). */
    static final int MIN_N_SKEWNESS = 8;
    /** Smallest sample for the kurtosis test (scipy.stats.kurtosistest). */
    static final int MIN_N_KURTOSIS = 5;

    /** Smallest sample for the Jarque–Bera test. */
    static final int MIN_N_JARQUE_BERA = 3;

    private static final CentralMoments STANDARD_NORMAL_MOMENTS = CentralMoments.gaussian(0, 1);

    private MomentTests() {
    }

    /**
     * Tests the mean: \(z = (\bar{x} - \mu) / \sqrt{\mu_2 / n}\), \(p = \operatorname{erfc}(|z|/\sqrt{2})\).
     *
     * <p>The p-value is {@link PValueMethod#EXACT} for a Gaussian reference (then \(z \sim N(0, 1)\)
     * exactly) and {@link PValueMethod#ASYMPTOTIC} otherwise (central limit theorem).
     *
     * @param x the sample, at least 2 finite values
     * @param ref the reference distribution
     * @return a result named {@code "mean"} with statistic \(z\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult mean(double[] x, CentralMoments ref) {
        checkSample(x, MIN_N);
        Objects.requireNonNull(ref, "ref");
        int n = x.length;
        double z = (mean(x) - ref.mean()) / Math.sqrt(ref.mu2() / n);
        return TestResult.ofLog("mean", z, LogTails.normalTwoSided(z),
                ref.isGaussian() ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC);
    }

    /**
     * Tests the variance.
     *
     * <p>Gaussian reference: the \(\chi^2\) test, \(T = (n-1)s^2/\sigma^2 = \sum_i (x_i - \bar{x})^2 / \sigma^2
     * \sim \chi^2_{n-1}\), with the two-sided p-value
     * \(p = \min(1, 2\min(P(\chi^2_{n-1} \le T), P(\chi^2_{n-1} \ge T)))\), {@link PValueMethod#EXACT};
     * the statistic is \(T\).
     *
     * <p>Other references: \(z = (s^2 - \mu_2) / \sqrt{V}\) with the unbiased variance
     * \(s^2 = \sum_i (x_i - \bar{x})^2 / (n - 1)\), chosen because \(E[s^2] = \mu_2\) exactly, and its
     * exact variance \(V = \mathrm{Var}(s^2) = \mu_4 / n - \mu_2^2 (n - 3) / (n (n - 1))\), which tends to
     * the delta-method \((\mu_4 - \mu_2^2)/n\); {@link PValueMethod#ASYMPTOTIC}; the statistic is \(z\).
     * Reference: Cramér (1946), <i>Mathematical Methods of Statistics</i>, section 27.4, Princeton
     * University Press.
     *
     * @param x the sample, at least 2 finite values
     * @param ref the reference distribution
     * @return a result named {@code "variance"}
     * @throws InvalidInputException if {@code x} breaks an input rule, or the reference has
     *     \(\mathrm{Var}(s^2) = 0\) (a two-point distribution)
     */
    public static TestResult variance(double[] x, CentralMoments ref) {
        checkSample(x, MIN_N);
        Objects.requireNonNull(ref, "ref");
        int n = x.length;
        double sumSquares = centralMoment(x, mean(x), 2) * n;
        if (ref.isGaussian()) {
            double t = sumSquares / ref.mu2();
            ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(n - 1);
            double logLower = Math.log(chi2.cumulativeProbability(t));
            double logUpper = LogTails.chiSquareSurvival(n - 1, t);
            return TestResult.ofLog("variance", t, LogTails.twoSided(Math.min(logLower, logUpper)), PValueMethod.EXACT);
        }
        double s2 = sumSquares / (n - 1);
        double mu2 = ref.mu2();
        double var = ref.mu4() / n - mu2 * mu2 * (n - 3) / ((double) n * (n - 1));
        requirePositiveVariance("Var(s^2)", var);
        double z = (s2 - mu2) / Math.sqrt(var);
        return TestResult.ofLog("variance", z, LogTails.normalTwoSided(z), PValueMethod.ASYMPTOTIC);
    }

    /**
     * Tests the skewness \(g_1 = m_3 / m_2^{3/2}\) against 0 (every supported reference is symmetric).
     *
     * <p>Gaussian reference: D'Agostino's test, as {@code scipy.stats.skewtest}: with
     * \(y = g_1 \sqrt{(n+1)(n+3) / (6(n-2))}\),
     * \(\beta_2 = 3(n^2 + 27n - 70)(n+1)(n+3) / ((n-2)(n+5)(n+7)(n+9))\),
     * \(W^2 = \sqrt{2(\beta_2 - 1)} - 1\), \(\delta = 1/\sqrt{\ln W}\), \(\alpha = \sqrt{2/(W^2 - 1)}\),
     * the statistic is \(Z = \delta \operatorname{asinh}(y / \alpha)\), approximately \(N(0, 1)\)
     * (Johnson \(S_U\) fit to the null distribution of \(g_1\)), {@link PValueMethod#ASYMPTOTIC}.
     * scipy replaces \(y = 0\) by 1; this method does not, and returns \(Z = 0\), p = 1 there.
     * Reference: D'Agostino, R. B. (1970). Transformation to normality of the null distribution of g1.
     * <i>Biometrika</i> 57(3), 679–681, doi:10.1093/biomet/57.3.679.
     *
     * <p>Other references: the delta-method \(z = g_1 / \sqrt{V}\) with
     * \(V = (\mu_6 - 6\mu_4\mu_2 + 9\mu_2^3) / (n \mu_2^3)\) (which is \(6/n\) for the normal),
     * {@link PValueMethod#ASYMPTOTIC}. Reference: Cramér (1946), section 27.7.
     *
     * @param x the sample, at least 8 finite values, not all equal
     * @param ref the reference distribution
     * @return a result named {@code "skewness"} with statistic \(Z\) or \(z\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult skewness(double[] x, CentralMoments ref) {
        checkSample(x, MIN_N_SKEWNESS);
        Objects.requireNonNull(ref, "ref");
        double z = skewnessZ(x, ref);
        return TestResult.ofLog("skewness", z, LogTails.normalTwoSided(z), PValueMethod.ASYMPTOTIC);
    }

    /**
     * Tests the skewness as {@link #skewness(double[], CentralMoments)}, but for a sample of at most
     * {@link MonteCarloNull#maxSampleSize()} values the p-value is that of the same statistic under the
     * seeded Monte Carlo null, {@link PValueMethod#ESTIMATE} (valid at every n; the normal approximation
     * of the delta method is anti-conservative under the uniform at n = 10, rate 0.062 at α = 0.05).
     *
     * @param x the sample, at least 8 finite values, not all equal
     * @param ref the reference's central moments
     * @param simulation the reference distribution (the same as {@code ref}), B and the seed
     * @return a result named {@code "skewness"} with statistic \(Z\) or \(z\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult skewness(double[] x, CentralMoments ref, MonteCarloNull simulation) {
        return simulated(skewness(x, ref), x.length, simulation, s -> skewnessZ(s, ref));
    }

    private static double skewnessZ(double[] x, CentralMoments ref) {
        double g1 = sampleSkewness(x);
        double n = x.length;
        if (ref.isGaussian()) {
            double y = g1 * Math.sqrt((n + 1) * (n + 3) / (6.0 * (n - 2)));
            double beta2 = 3.0 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
            double w2 = Math.sqrt(2 * (beta2 - 1)) - 1;
            double delta = 1 / Math.sqrt(0.5 * Math.log(w2));
            double alpha = Math.sqrt(2 / (w2 - 1));
            double u = y / alpha;
            return delta * Math.log(u + Math.sqrt(u * u + 1));
        }
        double mu2 = ref.mu2();
        double mu2Cubed = mu2 * mu2 * mu2;
        double var = (ref.mu6() - 6 * ref.mu4() * mu2 + 9 * mu2Cubed) / (n * mu2Cubed);
        requirePositiveVariance("Var(g1)", var);
        return g1 / Math.sqrt(var);
    }

    /**
     * Tests the kurtosis \(b_2 = m_4 / m_2^2\) against the reference's \(\beta_2 = \mu_4 / \mu_2^2\).
     *
     * <p>Gaussian reference: the Anscombe–Glynn test, as {@code scipy.stats.kurtosistest}: with
     * \(E = 3(n-1)/(n+1)\), \(\mathrm{Var}(b_2) = 24n(n-2)(n-3)/((n+1)^2(n+3)(n+5))\),
     * \(x = (b_2 - E)/\sqrt{\mathrm{Var}(b_2)}\),
     * \(\sqrt{\beta_1} = \frac{6(n^2 - 5n + 2)}{(n+7)(n+9)} \sqrt{\frac{6(n+3)(n+5)}{n(n-2)(n-3)}}\),
     * \(A = 6 + \frac{8}{\sqrt{\beta_1}}\left(\frac{2}{\sqrt{\beta_1}} + \sqrt{1 + 4/\beta_1}\right)\),
     * the statistic is
     * \(Z = \left(1 - \frac{2}{9A} - \sqrt[3]{\frac{1 - 2/A}{1 + x\sqrt{2/(A-4)}}}\right) / \sqrt{2/(9A)}\),
     * approximately \(N(0, 1)\), {@link PValueMethod#ASYMPTOTIC}. As in scipy the cube root keeps the
     * sign of the denominator when it is negative (extremely light-tailed samples); where it is exactly
     * 0 (scipy: NaN) this method takes the limit from above, \(Z = -\infty\), p = 0.
     * Reference: Anscombe, F. J. &amp; Glynn, W. J. (1983). Distribution of the kurtosis statistic b2 for
     * normal samples. <i>Biometrika</i> 70(1), 227–234, doi:10.1093/biomet/70.1.227.
     *
     * <p>Other references: the delta-method \(z = (b_2 - \beta_2)/\sqrt{V}\) with
     * \(nV = (\mu_8 - \mu_4^2)/\mu_2^4 - 4\mu_4(\mu_6 - \mu_2\mu_4)/\mu_2^5 + 4\mu_4^2(\mu_4 - \mu_2^2)/\mu_2^6\)
     * (which is 24 for the normal), {@link PValueMethod#ASYMPTOTIC}. Reference: Cramér (1946), section
     * 27.7.
     *
     * @param x the sample, at least 5 finite values, not all equal
     * @param ref the reference distribution
     * @return a result named {@code "kurtosis"} with statistic \(Z\) or \(z\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult kurtosis(double[] x, CentralMoments ref) {
        checkSample(x, MIN_N_KURTOSIS);
        Objects.requireNonNull(ref, "ref");
        double z = kurtosisZ(x, ref);
        return TestResult.ofLog("kurtosis", z, LogTails.normalTwoSided(z), PValueMethod.ASYMPTOTIC);
    }

    /**
     * Tests the kurtosis as {@link #kurtosis(double[], CentralMoments)}, but for a sample of at most
     * {@link MonteCarloNull#maxSampleSize()} values the p-value is that of the same statistic under the
     * seeded Monte Carlo null, {@link PValueMethod#ESTIMATE} (valid at every n; under the uniform the
     * delta method rejects 13 % of the time at n = 10 and 7.4 % at n = 100 at α = 0.05, and
     * Anscombe–Glynn under the normal 4.0 % at n = 10).
     *
     * @param x the sample, at least 5 finite values, not all equal
     * @param ref the reference's central moments
     * @param simulation the reference distribution (the same as {@code ref}), B and the seed
     * @return a result named {@code "kurtosis"} with statistic \(Z\) or \(z\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult kurtosis(double[] x, CentralMoments ref, MonteCarloNull simulation) {
        return simulated(kurtosis(x, ref), x.length, simulation, s -> kurtosisZ(s, ref));
    }

    /**
     * @param asymptotic the test with its asymptotic p-value
     * @param n the sample size
     * @param simulation the Monte Carlo null
     * @param statistic the test's statistic of a simulated sample
     * @return the test with the simulated p-value ({@link PValueMethod#ESTIMATE}) when the simulation
     *     applies to n, otherwise {@code asymptotic}
     */
    private static TestResult simulated(TestResult asymptotic, int n, MonteCarloNull simulation,
            ToDoubleFunction<double[]> statistic) {
        Objects.requireNonNull(simulation, "simulation");
        if (!simulation.appliesTo(n)) {
            return asymptotic;
        }
        return TestResult.of(asymptotic.name(), asymptotic.statistic(),
                simulation.pValue(n, asymptotic.statistic(), statistic), PValueMethod.ESTIMATE);
    }

    private static double kurtosisZ(double[] x, CentralMoments ref) {
        double b2 = sampleKurtosis(x);
        double n = x.length;
        if (ref.isGaussian()) {
            double e = 3.0 * (n - 1) / (n + 1);
            double varb2 = 24.0 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
            double standardised = (b2 - e) / Math.sqrt(varb2);
            double sqrtBeta1 = 6.0 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9))
                    * Math.sqrt(6.0 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3)));
            double a = 6.0 + 8.0 / sqrtBeta1 * (2.0 / sqrtBeta1 + Math.sqrt(1 + 4.0 / (sqrtBeta1 * sqrtBeta1)));
            double term1 = 1 - 2 / (9.0 * a);
            double denom = 1 + standardised * Math.sqrt(2 / (a - 4.0));
            double term2 = denom == 0 ? Double.POSITIVE_INFINITY : StrictMath.cbrt((1 - 2.0 / a) / denom);
            return (term1 - term2) / Math.sqrt(2 / (9.0 * a));
        }
        double mu2 = ref.mu2();
        double mu4 = ref.mu4();
        double mu2Sq = mu2 * mu2;
        double nVar = (ref.mu8() - mu4 * mu4) / (mu2Sq * mu2Sq)
                - 4 * mu4 * (ref.mu6() - mu2 * mu4) / (mu2Sq * mu2Sq * mu2)
                + 4 * mu4 * mu4 * (mu4 - mu2Sq) / (mu2Sq * mu2Sq * mu2Sq);
        requirePositiveVariance("n Var(b2)", nVar);
        return (b2 - mu4 / mu2Sq) / Math.sqrt(nVar / n);
    }

    /**
     * The Jarque–Bera test of normality (location and scale unknown), as {@code scipy.stats.jarque_bera}:
     * \[ JB = \frac{n}{6}\left(g_1^2 + \frac{(b_2 - 3)^2}{4}\right) \]
     * with the biased sample skewness \(g_1\) and kurtosis \(b_2\); under normality \(JB \to \chi^2_2\), so
     * \(p = e^{-JB/2}\) and \(\ln p = -JB/2\) exactly (finite however small p is),
     * {@link PValueMethod#ASYMPTOTIC}. The approximation is poor at small n (conservative), for which see
     * {@link #jarqueBera(double[], MonteCarloNull)}. Reference: Jarque, C. M. &amp; Bera, A. K. (1987). A test
     * for normality of observations and regression residuals. <i>International Statistical Review</i> 55(2),
     * 163–172, doi:10.2307/1403192.
     *
     * @param x the sample, at least 3 finite values, not all equal
     * @return a result named {@code "jarque-bera"} with statistic JB
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult jarqueBera(double[] x) {
        checkSample(x, MIN_N_JARQUE_BERA);
        double jb = jarqueBeraStatistic(x);
        return TestResult.ofLog("jarque-bera", jb, -jb / 2, PValueMethod.ASYMPTOTIC);
    }

    /**
     * The Jarque–Bera test as {@link #jarqueBera(double[])}, but for a sample of at most
     * {@link MonteCarloNull#maxSampleSize()} values the p-value is that of JB under the seeded Monte Carlo
     * null, {@link PValueMethod#ESTIMATE}: JB does not depend on location and scale, so samples from any
     * normal distribution give its exact null distribution, estimated from B draws.
     *
     * @param x the sample, at least 3 finite values, not all equal
     * @param simulation a normal reference distribution, B and the seed
     * @return a result named {@code "jarque-bera"} with statistic JB
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult jarqueBera(double[] x, MonteCarloNull simulation) {
        return simulated(jarqueBera(x), x.length, simulation, MomentTests::jarqueBeraStatistic);
    }

    private static double jarqueBeraStatistic(double[] x) {
        double g1 = sampleSkewness(x);
        double excess = sampleKurtosis(x) - 3;
        return x.length / 6.0 * (g1 * g1 + excess * excess / 4);
    }

    /**
     * D'Agostino–Pearson's omnibus test of normality (location and scale unknown), as
     * {@code scipy.stats.normaltest}: \(K^2 = Z_1^2 + Z_2^2\) with \(Z_1\) the statistic of D'Agostino's
     * skewness test and \(Z_2\) that of the Anscombe–Glynn kurtosis test (both as in
     * {@link #skewness(double[], CentralMoments)} and {@link #kurtosis(double[], CentralMoments)} under a
     * normal reference); under normality \(K^2\) is approximately \(\chi^2_2\), so \(p = e^{-K^2/2}\),
     * \(\ln p = -K^2/2\), {@link PValueMethod#ASYMPTOTIC}. Reference: D'Agostino, R. B. &amp; Pearson, E. S.
     * (1973). Tests for departure from normality. Empirical results for the distributions of b2 and √b1.
     * <i>Biometrika</i> 60(3), 613–622, doi:10.1093/biomet/60.3.613; D'Agostino, R. B., Belanger, A. &amp;
     * D'Agostino, R. B. Jr. (1990). A suggestion for using powerful and informative tests of normality.
     * <i>The American Statistician</i> 44(4), 316–321, doi:10.1080/00031305.1990.10475751.
     *
     * @param x the sample, at least 8 finite values, not all equal
     * @return a result named {@code "k2"} with statistic \(K^2\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult dagostinoPearson(double[] x) {
        checkSample(x, MIN_N_SKEWNESS);
        double k2 = dagostinoPearsonStatistic(x);
        return TestResult.ofLog("k2", k2, -k2 / 2, PValueMethod.ASYMPTOTIC);
    }

    /**
     * D'Agostino–Pearson's test as {@link #dagostinoPearson(double[])}, but for a sample of at most
     * {@link MonteCarloNull#maxSampleSize()} values the p-value is that of \(K^2\) under the seeded Monte
     * Carlo null, {@link PValueMethod#ESTIMATE} (location and scale invariant, as for
     * {@link #jarqueBera(double[], MonteCarloNull)}).
     *
     * @param x the sample, at least 8 finite values, not all equal
     * @param simulation a normal reference distribution, B and the seed
     * @return a result named {@code "k2"} with statistic \(K^2\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult dagostinoPearson(double[] x, MonteCarloNull simulation) {
        return simulated(dagostinoPearson(x), x.length, simulation, MomentTests::dagostinoPearsonStatistic);
    }

    private static double dagostinoPearsonStatistic(double[] x) {
        double z1 = skewnessZ(x, STANDARD_NORMAL_MOMENTS);
        double z2 = kurtosisZ(x, STANDARD_NORMAL_MOMENTS);
        return z1 * z1 + z2 * z2;
    }

    /**
     * The sample mean, \(\bar{x} = n^{-1}\sum_i x_i\), with a second-pass correction
     * \(\bar{x} \leftarrow \bar{x} + n^{-1}\sum_i (x_i - \bar{x})\) that removes most of the rounding
     * error of the first sum.
     *
     * @param x the sample, non-empty
     * @return the mean
     */
    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double m = sum / x.length;
        double correction = 0;
        for (double v : x) {
            correction += v - m;
        }
        return m + correction / x.length;
    }

    /**
     * @param x the sample, non-empty
     * @param mean its mean
     * @param k the order, 2 to 4
     * @return the biased central moment \(m_k = n^{-1} \sum_i (x_i - \bar{x})^k\)
     */
    static double centralMoment(double[] x, double mean, int k) {
        double sum = 0;
        for (double v : x) {
            double d = v - mean;
            double d2 = d * d;
            sum += k == 2 ? d2 : k == 3 ? d2 * d : d2 * d2;
        }
        return sum / x.length;
    }

    /**
     * @param x the sample
     * @return the biased sample skewness \(g_1 = m_3 / m_2^{3/2}\)
     * @throws InvalidInputException if the sample has zero variance
     */
    static double sampleSkewness(double[] x) {
        double m = mean(x);
        double m2 = requireSpread(centralMoment(x, m, 2));
        return centralMoment(x, m, 3) / (m2 * Math.sqrt(m2));
    }

    /**
     * @param x the sample
     * @return the biased sample kurtosis \(b_2 = m_4 / m_2^2\) (3 for the normal)
     * @throws InvalidInputException if the sample has zero variance
     */
    static double sampleKurtosis(double[] x) {
        double m = mean(x);
        double m2 = requireSpread(centralMoment(x, m, 2));
        return centralMoment(x, m, 4) / (m2 * m2);
    }

    /**
     * @param x the sample
     * @param min the smallest allowed size
     * @throws InvalidInputException if {@code x} is null, shorter than {@code min}, or holds a
     *     non-finite value
     */
    static void checkSample(double[] x, int min) {
        if (x == null) {
            throw new InvalidInputException("sample is null");
        }
        if (x.length < min) {
            throw new InvalidInputException("sample size is not at least " + min + ": " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidInputException("sample value is not finite: x[" + i + "] = " + x[i]);
            }
        }
    }

    private static double requireSpread(double m2) {
        if (!(m2 > 0)) {
            throw new InvalidInputException("sample variance is not strictly positive: " + m2);
        }
        return m2;
    }

    private static void requirePositiveVariance(String name, double v) {
        if (!(v > 0)) {
            throw new InvalidInputException(
                    "reference moments give " + name + " that is not strictly positive: " + v);
        }
    }
}
