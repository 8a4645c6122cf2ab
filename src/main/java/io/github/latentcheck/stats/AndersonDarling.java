package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Anderson–Darling tests: one sample against a fully specified continuous distribution, composite
 * normality (mean and standard deviation estimated), and k samples against each other.
 *
 * <p>Written here because Commons Statistics 1.2 ({@code org.apache.commons.statistics.inference})
 * has no Anderson–Darling test (it has Kolmogorov–Smirnov, chi-square, G, t, Mann–Whitney,
 * Wilcoxon, binomial, Fisher, Barnard/Boschloo and one-way ANOVA), and commons-math3 has none either.
 *
 * <p>References:
 * <ol>
 * <li>Anderson, T. W. &amp; Darling, D. A. (1954). A test of goodness of fit. <i>Journal of the
 * American Statistical Association</i> 49(268), 765–769, doi:10.1080/01621459.1954.10501232.
 * <li>Anderson, T. W. &amp; Darling, D. A. (1952). Asymptotic theory of certain "goodness of fit"
 * criteria based on stochastic processes. <i>Annals of Mathematical Statistics</i> 23(2), 193–212,
 * doi:10.1214/aoms/1177729437.
 * <li>Marsaglia, G. &amp; Marsaglia, J. (2004). Evaluating the Anderson–Darling distribution.
 * <i>Journal of Statistical Software</i> 9(2), doi:10.18637/jss.v009.i02.
 * <li>Stephens, M. A. (1974). EDF statistics for goodness of fit and some comparisons. <i>Journal of
 * the American Statistical Association</i> 69(347), 730–737, doi:10.1080/01621459.1974.10480196.
 * <li>D'Agostino, R. B. &amp; Stephens, M. A. (1986). <i>Goodness-of-Fit Techniques</i>, Marcel
 * Dekker, section 4.8 (Table 4.9).
 * <li>Scholz, F. W. &amp; Stephens, M. A. (1987). K-sample Anderson–Darling tests. <i>Journal of the
 * American Statistical Association</i> 82(399), 918–924, doi:10.1080/01621459.1987.10478517.
 * </ol>
 */
public final class AndersonDarling {
    /** nortest::ad.test needs at least this many values for the composite normality test. */
    static final int MIN_N_NORMALITY = 8;
    /** Below this limiting p-value Marsaglia's finite-n correction is tapered to 0 (see {@link #pValue}). */
    private static final double TAPER = 1e-3;
    /** At or below this statistic the limiting CDF is below 1e-25 and the p-value is taken as 1. */
    private static final double LIMIT_FLOOR = 0.02;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private AndersonDarling() {
    }

    /**
     * One-sample test of {@code x} against the continuous distribution {@code dist}, whose parameters
     * are known (not estimated from {@code x}). With \(x_{(1)} \le \dots \le x_{(n)}\),
     * \[ A^2 = -n - \frac{1}{n}\sum_{i=1}^n (2i - 1)\left[\ln F(x_{(i)}) + \ln S(x_{(n+1-i)})\right], \]
     * where \(S = 1 - F\) is taken from the distribution's survival function (not \(1 - F\), which loses
     * the upper tail). A value with \(F = 0\) or \(S = 0\) makes \(A^2 = +\infty\), p = 0.
     *
     * <p>p-value: \(P(A^2 \ge z) \approx p_\infty(z) - \mathrm{errfix}(n, 1 - p_\infty(z))\). The limiting
     * tail \(p_\infty\) is that of \(\sum_k \chi^2_{1,k}/(k(k+1))\) (Anderson &amp; Darling 1952, 1954),
     * computed by Smirnov's branch-cut series ({@link SmirnovTail#ANDERSON_DARLING}) with relative error below
     * 1e-12 from p = 1 down past 1e-300 (measured against the same series and against Anderson &amp; Darling's
     * 1954 series in mpmath at 40 digits); it is 1 below \(z = 0.02\), where the limiting CDF is below
     * 1e-25. The finite-n correction is Marsaglia &amp; Marsaglia's (2004) errfix (absolute error below about
     * 1e-5 for n &ge; 5 in their tables; within 4 Monte Carlo standard errors of 4·10^5 seeded replicates
     * at n = 5 to 100 here). It does not vanish in the extreme upper tail (it tends to \(-0.0006/n\),
     * which would put a floor of \(6 \cdot 10^{-4}/n\) under every p-value), so where \(p_\infty\) is below
     * 0.001 it is multiplied by \(p_\infty / 0.001\): continuous, and a relative change of
     * \(p_\infty\) of at most about \(1.1/n\). The p-value and its logarithm
     * ({@link TestResult#logPValue()}) are computed as \(\ln p_\infty + \ln(1 - \dots)\), so the far tail
     * keeps its relative accuracy and the logarithm stays finite where the p-value underflows. The method is
     * {@link PValueMethod#ASYMPTOTIC}: the limiting law with a fitted finite-n correction, not the exact
     * finite-n distribution.
     *
     * @param x the sample, at least 2 finite values
     * @param dist the reference distribution
     * @return a result named {@code "ad"} with statistic \(A^2\)
     * @throws InvalidInputException if {@code x} is too short or holds a non-finite value
     */
    public static TestResult oneSample(double[] x, ContinuousDistribution dist) {
        MomentTests.checkSample(x, 2);
        Objects.requireNonNull(dist, "dist");
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] logF = new double[n];
        double[] logS = new double[n];
        for (int i = 0; i < n; i++) {
            logF[i] = Math.log(dist.cumulativeProbability(sorted[i]));
            logS[i] = Math.log(dist.survivalProbability(sorted[i]));
        }
        double a2 = statistic(logF, logS);
        return TestResult.ofLog("ad", a2, logPValue(n, a2), PValueMethod.ASYMPTOTIC);
    }

    /** \(A^2\) from \(\ln F\) and \(\ln S\) at the sorted sample; \(+\infty\) where one is \(-\infty\). */
    private static double statistic(double[] logF, double[] logS) {
        int n = logF.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (2.0 * i + 1) * (logF[i] + logS[n - 1 - i]);
        }
        return -n - sum / n;
    }

    /**
     * The p-value \(P(A^2 \ge z)\) for a sample of size \(n\), as {@link #oneSample} describes; public so
     * that a power model can find the critical value the test itself uses.
     *
     * @param n the sample size
     * @param z the statistic
     * @return the p-value in [0, 1], {@code Math.exp(logPValue(n, z))}
     */
    public static double pValue(int n, double z) {
        return Math.exp(logPValue(n, z));
    }

    /**
     * The natural logarithm of {@link #pValue}, computed directly: finite wherever \(z\) is.
     *
     * @param n the sample size
     * @param z the statistic
     * @return \(\ln P(A^2 \ge z)\), at most 0; {@code -Infinity} for \(z = +\infty\)
     */
    public static double logPValue(int n, double z) {
        if (!(z > LIMIT_FLOOR)) {
            return 0;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double logLimit = SmirnovTail.ANDERSON_DARLING.logSurvival(z);
        double limit = Math.exp(logLimit);
        double fix = errfix(n, -Math.expm1(logLimit));
        if (limit < TAPER) {
            return logLimit + Math.log1p(-fix / TAPER);
        }
        return Math.min(0, Math.log(Math.max(0, limit - fix)));
    }

    /**
     * The limiting distribution \(\lim_n P(A^2 \le z)\) with its complement, the latter with relative
     * accuracy (see {@link #oneSample}).
     *
     * @param z the statistic, strictly positive
     * @return {cdf, survival}
     */
    static double[] limitingDistribution(double z) {
        if (!(z > LIMIT_FLOOR)) {
            return new double[] {0, 1};
        }
        double logSurvival = SmirnovTail.ANDERSON_DARLING.logSurvival(z);
        return new double[] {-Math.expm1(logSurvival), Math.exp(logSurvival)};
    }

    /** Marsaglia &amp; Marsaglia's errfix(n, x): \(\mathrm{AD}_n(z) \approx x + \mathrm{errfix}(n, x)\), \(x = \mathrm{ADinf}(z)\). */
    private static double errfix(int n, double x) {
        if (x > .8) {
            return (-130.2137 + (745.2337 - (1705.091 - (1950.646 - (1116.360 - 255.7844 * x) * x) * x) * x) * x) / n;
        }
        double c = .01265 + .1757 / n;
        if (x < c) {
            double t = x / c;
            t = Math.sqrt(t) * (1. - t) * (49 * t - 102);
            return t * (.0037 / ((double) n * n) + .00078 / n + .00006) / n;
        }
        double t = (x - c) / (.8 - c);
        t = -.00022633 + (6.54034 - (14.6538 - (14.458 - (8.259 - 1.91864 * t) * t) * t) * t) * t;
        return t * (.04213 + .01365 / n) / n;
    }

    /**
     * Composite test of normality with the mean and standard deviation estimated from {@code x}, as
     * R's {@code nortest::ad.test}. With \(\bar{x}\), \(s\) (divisor \(n - 1\)) and
     * \(w_i = (x_{(i)} - \bar{x})/s\),
     * \[ A^2 = -n - \frac{1}{n}\sum_{i=1}^n (2i-1)\left[\ln\Phi(w_i) + \ln\Phi(-w_{n+1-i})\right], \qquad
     *    A^{*2} = A^2\left(1 + \frac{0.75}{n} + \frac{2.25}{n^2}\right), \]
     * and the p-value is D'Agostino &amp; Stephens' (1986, Table 4.9) piecewise fit in \(A^{*2}\):
     * \(1 - e^{-13.436 + 101.14a - 223.73a^2}\) below 0.2, \(1 - e^{-8.318 + 42.796a - 59.938a^2}\) below
     * 0.34, \(e^{0.9177 - 4.279a - 1.38a^2}\) below 0.6, \(e^{1.2937 - 5.709a + 0.0186a^2}\) below 10, and
     * 3.7e-24 (nortest's value) from 10 on, where the fit is no longer defined. The method is
     * {@link PValueMethod#ASYMPTOTIC}: an empirical approximation (from simulation) to the finite-n null
     * distribution, accurate to a few percent of p in the usual range. The reported statistic is
     * \(A^2\), as nortest reports it (and as {@code scipy.stats.anderson(x, 'norm')}).
     *
     * @param x the sample, at least 8 finite values, not all equal
     * @return a result named {@code "ad-normal"} with statistic \(A^2\)
     * @throws InvalidInputException if {@code x} breaks an input rule
     */
    public static TestResult normality(double[] x) {
        MomentTests.checkSample(x, MIN_N_NORMALITY);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double mean = MomentTests.mean(sorted);
        double var = MomentTests.centralMoment(sorted, mean, 2) * n / (n - 1);
        if (!(var > 0)) {
            throw new InvalidInputException("sample variance is not strictly positive: " + var);
        }
        double sd = Math.sqrt(var);
        double[] logF = new double[n];
        double[] logS = new double[n];
        for (int i = 0; i < n; i++) {
            double w = (sorted[i] - mean) / sd;
            logF[i] = Math.log(STANDARD_NORMAL.cumulativeProbability(w));
            logS[i] = Math.log(STANDARD_NORMAL.survivalProbability(w));
        }
        double a2 = statistic(logF, logS);
        return TestResult.of("ad-normal", a2, normalityPValue(a2 * (1 + 0.75 / n + 2.25 / ((double) n * n))),
                PValueMethod.ASYMPTOTIC);
    }

    /**
     * @param a the modified statistic \(A^{*2}\)
     * @return the p-value of {@link #normality}
     */
    static double normalityPValue(double a) {
        if (a < 0.2) {
            return -Math.expm1(-13.436 + 101.14 * a - 223.73 * a * a);
        }
        if (a < 0.34) {
            return -Math.expm1(-8.318 + 42.796 * a - 59.938 * a * a);
        }
        if (a < 0.6) {
            return Math.exp(0.9177 - 4.279 * a - 1.38 * a * a);
        }
        if (a < 10) {
            return Math.exp(1.2937 - 5.709 * a + 0.0186 * a * a);
        }
        return 3.7e-24;
    }

    /**
     * k-sample test that the samples come from one (unspecified) distribution: Scholz &amp; Stephens'
     * (1987) statistic for data with ties, their eq. (7), as {@code scipy.stats.anderson_ksamp(...,
     * variant='midrank')}. With \(N\) pooled values, \(z^*_1 &lt; \dots &lt; z^*_L\) the distinct ones,
     * \(l_j\) the multiplicity of \(z^*_j\), \(B_j\) the number of pooled values below \(z^*_j\) plus
     * \(l_j/2\), and \(M_{ij}\) the number of values of sample \(i\) (size \(n_i\)) below \(z^*_j\) plus
     * half of those equal to it,
     * \[ A^2_{akN} = \frac{N - 1}{N}\sum_{i=1}^k \frac{1}{n_i}\sum_{j=1}^{L} \frac{l_j}{N}
     *    \frac{(N M_{ij} - n_i B_j)^2}{B_j(N - B_j) - N l_j / 4}. \]
     * The reported statistic is scipy's standardized \((A^2_{akN} - (k-1))/\sigma_N\), with
     * \(\sigma_N^2\) Scholz &amp; Stephens' exact variance (their eq. (4) with the \(a, b, c, d\)
     * coefficients). The p-value is {@link PValueMethod#PERMUTATION} (see {@link Permutations}):
     * unlike scipy's default, it is not interpolated from a table and clamped to [0.001, 0.25].
     *
     * @param samples two or more samples, each of at least 1 finite value, with at least 4 values and
     *     2 distinct values pooled
     * @param permutations the permutation options
     * @return a result named {@code "ad-k"} with the standardized statistic
     * @throws InvalidInputException if the samples break an input rule
     */
    public static TestResult kSample(List<double[]> samples, Permutations permutations) {
        Objects.requireNonNull(permutations, "permutations");
        Pooled pooled = Pooled.of(samples, 4);
        KSample statistic = new KSample(pooled);
        double observed = statistic.of(pooled.labels);
        double p = permutations.pValue(pooled.labels, observed, () -> new KSample(pooled));
        int k = pooled.sizes.length;
        double n = pooled.values.length;
        double h = 0;
        for (int s : pooled.sizes) {
            h += 1.0 / s;
        }
        double hh = 0;
        double g = 0;
        for (int i = 1; i <= n - 2; i++) {
            hh += 1.0 / (n - i);
            g += hh / (i + 1);
        }
        double hN = hh + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * h;
        double b = (2 * g - 4) * k * k + 8 * hN * k + (2 * g - 14 * hN - 4) * h - 8 * hN + 4 * g - 6;
        double c = (6 * hN + 2 * g - 2) * k * k + (4 * hN - 4 * g + 6) * k + (2 * hN - 6) * h + 4 * hN;
        double d = (2 * hN + 6) * k * k - 4 * hN * k;
        double sigma2 = (a * n * n * n + b * n * n + c * n + d) / ((n - 1) * (n - 2) * (n - 3));
        return TestResult.of("ad-k", (observed - (k - 1)) / Math.sqrt(sigma2), p, PValueMethod.PERMUTATION);
    }

    /** \(A^2_{akN}\) of a labelling of the sorted pooled sample, with scratch space for one thread. */
    private static final class KSample implements Permutations.Statistic {
        private final Pooled pooled;
        private final double[] below;
        private final double[] equal;
        private final double[] sums;

        KSample(Pooled pooled) {
            this.pooled = pooled;
            int k = pooled.sizes.length;
            below = new double[k];
            equal = new double[k];
            sums = new double[k];
        }

        @Override
        public double of(int[] labels) {
            int k = pooled.sizes.length;
            double n = pooled.values.length;
            Arrays.fill(below, 0);
            Arrays.fill(sums, 0);
            int[] starts = pooled.tieStarts;
            for (int j = 0; j + 1 < starts.length; j++) {
                int start = starts[j];
                int end = starts[j + 1];
                double l = end - start;
                Arrays.fill(equal, 0);
                for (int r = start; r < end; r++) {
                    equal[labels[r]]++;
                }
                double bj = start + l / 2;
                double weight = l / n / (bj * (n - bj) - n * l / 4);
                for (int i = 0; i < k; i++) {
                    double mij = below[i] + equal[i] / 2;
                    double diff = n * mij - bj * pooled.sizes[i];
                    sums[i] += weight * diff * diff;
                    below[i] += equal[i];
                }
            }
            double total = 0;
            for (int i = 0; i < k; i++) {
                total += sums[i] / pooled.sizes[i];
            }
            return total * (n - 1) / n;
        }
    }

    /** Samples pooled and sorted, with each pooled value's sample index and the runs of equal values. */
    static final class Pooled {
        final double[] values;
        final int[] labels;
        final int[] sizes;
        /** Start of each run of equal sorted values, then {@code values.length}. */
        final int[] tieStarts;

        private Pooled(double[] values, int[] labels, int[] sizes, int[] tieStarts) {
            this.values = values;
            this.labels = labels;
            this.sizes = sizes;
            this.tieStarts = tieStarts;
        }

        static Pooled of(List<double[]> samples, int minPooled) {
            Objects.requireNonNull(samples, "samples");
            if (samples.size() < 2) {
                throw new InvalidInputException("number of samples is not at least 2: " + samples.size());
            }
            int[] sizes = new int[samples.size()];
            int total = 0;
            for (int i = 0; i < sizes.length; i++) {
                MomentTests.checkSample(samples.get(i), 1);
                sizes[i] = samples.get(i).length;
                total += sizes[i];
            }
            if (total < minPooled) {
                throw new InvalidInputException("pooled sample size is not at least " + minPooled + ": " + total);
            }
            double[] all = new double[total];
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                for (double v : samples.get(i)) {
                    all[at] = v;
                    at++;
                }
            }
            Integer[] order = new Integer[total];
            Arrays.setAll(order, r -> r);
            Arrays.sort(order, (a, b) -> Double.compare(all[a] + 0.0, all[b] + 0.0));
            double[] values = new double[total];
            int[] owner = new int[total];
            at = 0;
            for (int i = 0; i < sizes.length; i++) {
                for (int r = 0; r < sizes[i]; r++) {
                    owner[at++] = i;
                }
            }
            int[] labels = new int[total];
            int runs = 0;
            int[] starts = new int[total + 1];
            for (int r = 0; r < total; r++) {
                values[r] = all[order[r]] + 0.0;
                labels[r] = owner[order[r]];
                if (r == 0 || values[r] != values[r - 1]) {
                    starts[runs++] = r;
                }
            }
            if (runs < 2) {
                throw new InvalidInputException("the pooled samples hold only one distinct value: " + values[0]);
            }
            starts[runs] = total;
            return new Pooled(values, labels, sizes, Arrays.copyOf(starts, runs + 1));
        }
    }
}
