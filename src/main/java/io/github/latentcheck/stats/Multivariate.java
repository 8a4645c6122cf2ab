package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Tests of a multivariate sample (n rows of dimension d, row-major): Mardia's skewness and kurtosis,
 * the Henze–Zirkler test,
 * the distribution of the squared norm \(\|z\|^2\), and pairwise independence of the coordinates.
 *
 * <p>Written here because neither Commons Statistics 1.2 nor commons-math3 has multivariate
 * normality or norm tests.
 */
public final class Multivariate {
    /** Below this size Mardia's skewness statistic gets the small-sample correction. */
    static final int MARDIA_SMALL_N = 20;
    /**
     * The largest sample for which the multivariate normality tests use a Monte Carlo null by default (each
     * simulated Henze–Zirkler statistic costs O(n² d)).
     */
    public static final int MONTE_CARLO_MAX_ROWS = 100;

    private Multivariate() {
    }

    /**
     * Mardia's multivariate skewness. With \(\bar{x}\), the biased covariance \(S\) (divisor n) and
     * \(g_{ij} = (x_i - \bar{x})^\top S^{-1} (x_j - \bar{x})\),
     * \[ b_{1,d} = \frac{1}{n^2}\sum_{i,j} g_{ij}^3, \qquad \kappa = \frac{n\, b_{1,d}}{6}
     *    \sim \chi^2_{d(d+1)(d+2)/6} \]
     * asymptotically under multivariate normality. For \(n &lt; 20\) the statistic is multiplied by
     * the small-sample correction \(c = (d+1)(n+1)(n+3) / (n[(n+1)(d+1) - 6])\) (Mardia 1974, as R's
     * MVN package). The p-value is the upper tail, {@link PValueMethod#ASYMPTOTIC}.
     *
     * <p>Reference: Mardia, K. V. (1970). Measures of multivariate skewness and kurtosis with
     * applications. <i>Biometrika</i> 57(3), 519–530, doi:10.1093/biomet/57.3.519; Mardia, K. V.
     * (1974). Applications of some measures of multivariate skewness and kurtosis in testing normality
     * and robustness studies. <i>Sankhyā B</i> 36(2), 115–128.
     *
     * @param rows the sample, row-major, n × d finite values with n &gt; d and a non-singular covariance
     * @param d the dimension, at least 1
     * @return a result named {@code "mardia-skewness"} with statistic \(\kappa\) (corrected when n &lt; 20)
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult mardiaSkewness(double[] rows, int d) {
        double kappa = mardiaSkewnessStatistic(rows, d);
        double df = d * (d + 1.0) * (d + 2.0) / 6;
        return TestResult.ofLog("mardia-skewness", kappa, LogTails.chiSquareSurvival(df, kappa),
                PValueMethod.ASYMPTOTIC);
    }

    /**
     * Mardia's skewness test as {@link #mardiaSkewness(double[], int)}, but for at most
     * {@link MonteCarloNull#maxSampleSize()} rows the p-value is that of \(\kappa\) under the seeded Monte
     * Carlo null, {@link PValueMethod#ESTIMATE}: \(\kappa\) is affine invariant, so samples of n rows from
     * N(0, I_d) (the n·d values drawn from the simulation's reference, which must be the standard normal)
     * give its exact null distribution under any multivariate normal, estimated from B draws on one seeded
     * stream (independent of the thread count).
     *
     * @param rows the sample, row-major, n × d finite values with n &gt; d and a non-singular covariance
     * @param d the dimension, at least 1
     * @param simulation the standard normal, B, the seed and the largest n simulated
     * @return a result named {@code "mardia-skewness"}
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult mardiaSkewness(double[] rows, int d, MonteCarloNull simulation) {
        return simulated(mardiaSkewness(rows, d), rows.length / d, d, simulation, s -> mardiaSkewnessStatistic(s, d));
    }

    private static double mardiaSkewnessStatistic(double[] rows, int d) {
        double[][] y = whiten(rows, d);
        int n = y.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double g = dot(y[i], y[j]);
                sum += g * g * g;
            }
        }
        double b1 = sum / ((double) n * n);
        double kappa = n * b1 / 6;
        if (n < MARDIA_SMALL_N) {
            kappa *= (d + 1.0) * (n + 1.0) * (n + 3.0) / (n * ((n + 1.0) * (d + 1.0) - 6));
        }
        return kappa;
    }

    /**
     * Mardia's multivariate kurtosis. With \(g_{ii}\) as in {@link #mardiaSkewness},
     * \[ b_{2,d} = \frac{1}{n}\sum_i g_{ii}^2, \qquad z = \frac{b_{2,d} - d(d+2)}{\sqrt{8d(d+2)/n}} \]
     * asymptotically N(0, 1) under multivariate normality; two-sided p-value,
     * {@link PValueMethod#ASYMPTOTIC}. Reference: Mardia (1970), as {@link #mardiaSkewness}.
     *
     * @param rows the sample, row-major, n × d finite values with n &gt; d and a non-singular covariance
     * @param d the dimension, at least 1
     * @return a result named {@code "mardia-kurtosis"} with statistic \(z\)
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult mardiaKurtosis(double[] rows, int d) {
        double z = mardiaKurtosisStatistic(rows, d);
        return TestResult.ofLog("mardia-kurtosis", z, LogTails.normalTwoSided(z), PValueMethod.ASYMPTOTIC);
    }

    /**
     * Mardia's kurtosis test as {@link #mardiaKurtosis(double[], int)}, but for at most
     * {@link MonteCarloNull#maxSampleSize()} rows the two-sided p-value is that of \(|z|\) under the seeded
     * Monte Carlo null of {@link #mardiaSkewness(double[], int, MonteCarloNull)}, {@link PValueMethod#ESTIMATE}
     * (the normal approximation never rejects at n = 10: \(b_{2,d}\) is bounded there).
     *
     * @param rows the sample, row-major, n × d finite values with n &gt; d and a non-singular covariance
     * @param d the dimension, at least 1
     * @param simulation the standard normal, B, the seed and the largest n simulated
     * @return a result named {@code "mardia-kurtosis"}
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult mardiaKurtosis(double[] rows, int d, MonteCarloNull simulation) {
        return simulated(mardiaKurtosis(rows, d), rows.length / d, d, simulation, s -> mardiaKurtosisStatistic(s, d));
    }

    private static double mardiaKurtosisStatistic(double[] rows, int d) {
        double[][] y = whiten(rows, d);
        int n = y.length;
        double sum = 0;
        for (double[] yi : y) {
            double g = dot(yi, yi);
            sum += g * g;
        }
        double b2 = sum / n;
        return (b2 - d * (d + 2.0)) / Math.sqrt(8.0 * d * (d + 2.0) / n);
    }

    /**
     * The Henze–Zirkler test of multivariate normality, a weighted L² distance between the empirical
     * characteristic function of the scaled residuals and that of N(0, I). With \(y_i = L^{-1}(x_i -
     * \bar{x})\), \(L L^\top = S\) the biased covariance (divisor n, as the paper and R's MVN package),
     * \(D_{ij} = \|y_i - y_j\|^2\), \(D_i = \|y_i\|^2\) and the smoothing
     * \(\beta = \frac{1}{\sqrt{2}} \left(\frac{(2d+1)\,n}{4}\right)^{1/(d+4)}\),
     * \[ T = \frac{1}{n}\sum_{i,j} e^{-\beta^2 D_{ij}/2}
     *     - 2(1+\beta^2)^{-d/2} \sum_i e^{-\beta^2 D_i / (2(1+\beta^2))} + n(1+2\beta^2)^{-d/2}. \]
     * Under normality T is approximately log-normal with the exact mean and variance of Henze and
     * Zirkler (1990, Theorem 2.3), with \(a = 1 + 2\beta^2\) and \(w = (1+\beta^2)(1+3\beta^2)\):
     * \[ \mu = 1 - a^{-d/2}\left(1 + \frac{d\beta^2}{a} + \frac{d(d+2)\beta^4}{2a^2}\right), \]
     * \[ \sigma^2 = 2(1+4\beta^2)^{-d/2} + 2a^{-d}\left(1 + \frac{2d\beta^4}{a^2}
     *     + \frac{3d(d+2)\beta^8}{4a^4}\right) - 4w^{-d/2}\left(1 + \frac{3d\beta^4}{2w}
     *     + \frac{d(d+2)\beta^8}{2w^2}\right); \]
     * the p-value is the log-normal upper tail \(P(T' \ge T)\) with \(\ln T' \sim N(\ln \mu -
     * s^2/2, s^2)\), \(s^2 = \ln(1 + \sigma^2/\mu^2)\), computed directly as a normal survival
     * probability, {@link PValueMethod#ASYMPTOTIC}. Cost O(n² d): the double sum is accumulated row by
     * row (each row's sum in a fixed order, the rows added in index order), so the result does not
     * depend on the thread count.
     *
     * <p>References:
     * <ol>
     * <li>Henze, N. &amp; Zirkler, B. (1990). A class of invariant consistent tests for multivariate
     * normality. <i>Communications in Statistics – Theory and Methods</i> 19(10), 3595–3617,
     * doi:10.1080/03610929008830400.
     * <li>Korkmaz, S., Göksülük, D. &amp; Zararsız, G. (2014). MVN: an R package for assessing
     * multivariate normality. <i>The R Journal</i> 6(2), 151–162, doi:10.32614/RJ-2014-031.
     * </ol>
     *
     * @param rows the sample, row-major, n × d finite values with n &gt; d + 1 and a non-singular covariance
     * @param d the dimension, at least 1
     * @return a result named {@code "henze-zirkler"} with statistic T
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult henzeZirkler(double[] rows, int d) {
        double[] statistic = henzeZirklerStatistic(rows, d, Tasks.defaultThreads());
        return TestResult.ofLog("henze-zirkler", statistic[0], statistic[1], PValueMethod.ASYMPTOTIC);
    }

    /**
     * The Henze–Zirkler test as {@link #henzeZirkler(double[], int)}, but for at most
     * {@link MonteCarloNull#maxSampleSize()} rows the p-value is that of T under the seeded Monte Carlo null
     * of {@link #mardiaSkewness(double[], int, MonteCarloNull)} (T is affine invariant),
     * {@link PValueMethod#ESTIMATE}: the log-normal approximation is conservative at small n (size 0.030 at
     * n = 10, d = 3, α = 0.05).
     *
     * @param rows the sample, row-major, n × d finite values with n &gt; d + 1 and a non-singular covariance
     * @param d the dimension, at least 1
     * @param simulation the standard normal, B, the seed and the largest n simulated
     * @return a result named {@code "henze-zirkler"}
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult henzeZirkler(double[] rows, int d, MonteCarloNull simulation) {
        return simulated(henzeZirkler(rows, d), rows.length / d, d, simulation,
                s -> henzeZirklerStatistic(s, d, 1)[0]);
    }

    /** @return {T, ln p} of the Henze–Zirkler test, the double sum on {@code threads} threads */
    private static double[] henzeZirklerStatistic(double[] rows, int d, int threads) {
        double[][] y = whiten(rows, d);
        int n = y.length;
        double beta2 = Math.pow((2.0 * d + 1) * n / 4, 2.0 / (d + 4)) / 2;
        double[] pairSums = new double[n];
        Tasks.run(n, threads, i -> {
            double sum = 0;
            for (int j = i + 1; j < n; j++) {
                double dij = 0;
                for (int c = 0; c < d; c++) {
                    double diff = y[i][c] - y[j][c];
                    dij += diff * diff;
                }
                sum += Math.exp(-beta2 / 2 * dij);
            }
            pairSums[i] = sum;
        });
        double pairs = 0;
        double centre = 0;
        for (int i = 0; i < n; i++) {
            pairs += pairSums[i];
            centre += Math.exp(-beta2 / (2 * (1 + beta2)) * dot(y[i], y[i]));
        }
        double statistic = (n + 2 * pairs) / n - 2 * Math.pow(1 + beta2, -d / 2.0) * centre
                + n * Math.pow(1 + 2 * beta2, -d / 2.0);
        double a = 1 + 2 * beta2;
        double w = (1 + beta2) * (1 + 3 * beta2);
        double beta4 = beta2 * beta2;
        double beta8 = beta4 * beta4;
        double mean = 1 - Math.pow(a, -d / 2.0) * (1 + d * beta2 / a + d * (d + 2.0) * beta4 / (2 * a * a));
        double variance = 2 * Math.pow(1 + 4 * beta2, -d / 2.0)
                + 2 * Math.pow(a, -d) * (1 + 2 * d * beta4 / (a * a) + 3 * d * (d + 2.0) * beta8 / (4 * Math.pow(a, 4)))
                - 4 * Math.pow(w, -d / 2.0) * (1 + 3 * d * beta4 / (2 * w) + d * (d + 2.0) * beta8 / (2 * w * w));
        double s2 = Math.log1p(variance / (mean * mean));
        double location = Math.log(mean) - s2 / 2;
        double logP = statistic > 0 ? LogTails.normalUpper((Math.log(statistic) - location) / Math.sqrt(s2)) : 0;
        return new double[] {statistic, logP};
    }

    /**
     * @return {@code asymptotic} with the Monte Carlo p-value of the same statistic when the simulation
     *     applies to n rows: n·d draws per simulated sample, read as n rows of d
     */
    private static TestResult simulated(TestResult asymptotic, int n, int d, MonteCarloNull simulation,
            ToDoubleFunction<double[]> statistic) {
        Objects.requireNonNull(simulation, "simulation");
        if (!simulation.appliesTo(n)) {
            return asymptotic;
        }
        return TestResult.of(asymptotic.name(), asymptotic.statistic(),
                simulation.pValue(n * d, asymptotic.statistic(), statistic), PValueMethod.ESTIMATE);
    }

    /**
     * Squared norms under a standard Gaussian prior: \(\|z\|^2 \sim \chi^2_d\) exactly, so the n
     * values \(\|z_i\|^2\) are tested against \(\chi^2_d\) with the one-sample two-sided
     * Kolmogorov–Smirnov test of {@link KolmogorovSmirnov#oneSample} (method as described there).
     *
     * @param rows the sample, row-major, n × d finite values, n &ge; 2
     * @param d the dimension, at least 1
     * @return a result named {@code "norm-chi2"} with statistic \(D_n\)
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult normSquaredChiSquare(double[] rows, int d) {
        double[] r2 = squaredNorms(rows, d);
        ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(d);
        TestResult ks = KolmogorovSmirnov.oneSample(r2, chi2::cumulativeProbability);
        return ks.withName("norm-chi2");
    }

    /**
     * Squared norms under a prior with independent coordinates of mean 0 and the given moments (e.g.
     * U(−1, 1)^d: \(E\|z\|^2 = d/3\), \(\operatorname{Var}\|z\|^2 = d(1/5 - 1/9)\)): the mean of the n
     * values \(\|z_i\|^2\) is compared with \(d\mu_2\) by the z-test
     * \[ z = \frac{\overline{\|z\|^2} - d\mu_2}{\sqrt{d(\mu_4 - \mu_2^2)/n}}, \]
     * two-sided, {@link PValueMethod#ASYMPTOTIC} (central limit theorem; the values have all moments).
     *
     * @param rows the sample, row-major, n × d finite values, n &ge; 2
     * @param d the dimension, at least 1
     * @param coordinate the distribution of each coordinate; its mean must be 0
     * @return a result named {@code "norm-mean"} with statistic \(z\)
     * @throws InvalidInputException if the input breaks a rule
     */
    public static TestResult normSquaredMean(double[] rows, int d, CentralMoments coordinate) {
        Objects.requireNonNull(coordinate, "coordinate");
        if (coordinate.mean() != 0) {
            throw new InvalidInputException("the coordinates' mean is not 0: " + coordinate.mean());
        }
        double[] r2 = squaredNorms(rows, d);
        double var = d * (coordinate.mu4() - coordinate.mu2() * coordinate.mu2());
        if (!(var > 0)) {
            throw new InvalidInputException("the squared norm has no spread under this prior: variance " + var);
        }
        double z = (MomentTests.mean(r2) - d * coordinate.mu2()) / Math.sqrt(var / r2.length);
        return TestResult.ofLog("norm-mean", z, LogTails.normalTwoSided(z), PValueMethod.ASYMPTOTIC);
    }

    /**
     * Pairwise independence: for each pair of coordinates \(j &lt; k\), Pearson's correlation \(r\) and
     * \(t = r\sqrt{(n - 2)/(1 - r^2)}\), two-sided against Student's \(t_{n-2}\), which is exact for
     * independent Gaussian coordinates ({@link PValueMethod#EXACT}) and asymptotically valid for any
     * independent coordinates with finite fourth moments. The d(d − 1)/2 results, named
     * {@code "zj~zk"}, are not corrected here: the caller corrects over the family.
     *
     * @param rows the sample, row-major, n × d finite values, n &ge; 3
     * @param d the dimension, at least 2
     * @return the tests, in the order (0,1), (0,2), …, (d−2, d−1); statistic \(r\)
     * @throws InvalidInputException if the input breaks a rule or a coordinate is constant
     */
    public static List<TestResult> pairwiseCorrelations(double[] rows, int d) {
        int n = checkRows(rows, d, 3);
        if (d < 2) {
            throw new InvalidInputException("dimension is not at least 2: " + d);
        }
        double[][] centered = new double[d][n];
        for (int j = 0; j < d; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = rows[i * d + j];
            }
            double mean = MomentTests.mean(column);
            double ss = 0;
            for (int i = 0; i < n; i++) {
                centered[j][i] = column[i] - mean;
                ss += centered[j][i] * centered[j][i];
            }
            if (!(ss > 0)) {
                throw new InvalidInputException("coordinate " + j + " is constant");
            }
        }
        List<TestResult> tests = new ArrayList<>(d * (d - 1) / 2);
        for (int j = 0; j < d; j++) {
            for (int k = j + 1; k < d; k++) {
                double sxy = dot(centered[j], centered[k]);
                double r = sxy / Math.sqrt(dot(centered[j], centered[j]) * dot(centered[k], centered[k]));
                r = Math.max(-1, Math.min(1, r));
                double stat = r * Math.sqrt((n - 2) / ((1 - r) * (1 + r)));
                double logP = Math.abs(r) == 1 ? Double.NEGATIVE_INFINITY : LogTails.studentTwoSided(stat, n - 2);
                tests.add(TestResult.ofLog("z" + j + "~z" + k, r, logP, PValueMethod.EXACT));
            }
        }
        return tests;
    }

    /** @return \(\|x_i\|^2\) of each row */
    static double[] squaredNorms(double[] rows, int d) {
        int n = checkRows(rows, d, 2);
        double[] r2 = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = rows[i * d + j];
                s += v * v;
            }
            r2[i] = s;
        }
        return r2;
    }

    /**
     * @return \(y_i = L^{-1}(x_i - \bar{x})\) with \(L L^\top = S\) the biased covariance, so that
     *     \(y_i^\top y_j = g_{ij}\)
     */
    private static double[][] whiten(double[] rows, int d) {
        int n = checkRows(rows, d, d + 2);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = rows[i * d + j];
            }
            mean[j] = MomentTests.mean(column);
        }
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = rows[i * d + j] - mean[j];
            }
        }
        double[][] s = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += c[i][j] * c[i][k];
                }
                s[j][k] = sum / n;
                s[k][j] = s[j][k];
            }
        }
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double diag = s[j][j];
            for (int k = 0; k < j; k++) {
                diag -= l[j][k] * l[j][k];
            }
            if (!(diag > 1e-12 * s[j][j])) {
                throw new InvalidInputException("the sample covariance is singular (coordinate " + j
                        + " is a linear combination of the others)");
            }
            l[j][j] = Math.sqrt(diag);
            for (int i = j + 1; i < d; i++) {
                double v = s[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
        double[][] y = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = c[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[j][k] * y[i][k];
                }
                y[i][j] = v / l[j][j];
            }
        }
        return y;
    }

    /** @return n, after checking the shape and that every value is finite */
    static int checkRows(double[] rows, int d, int minRows) {
        Objects.requireNonNull(rows, "rows");
        if (d < 1) {
            throw new InvalidInputException("dimension is not at least 1: " + d);
        }
        if (rows.length % d != 0) {
            throw new InvalidInputException("the number of values, " + rows.length + ", is not a multiple of the dimension "
                    + d);
        }
        int n = rows.length / d;
        if (n < minRows) {
            throw new InvalidInputException("sample size is not at least " + minRows + ": " + n);
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Double.isFinite(rows[i])) {
                throw new InvalidInputException("sample value is not finite: row " + i / d + ", coordinate " + i % d
                        + " = " + rows[i]);
            }
        }
        return n;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
