package io.github.latentcheck.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * Cramér–von Mises tests: one sample against a fully specified continuous distribution, and two
 * samples against each other.
 *
 * <p>Written here because Commons Statistics 1.2 ({@code org.apache.commons.statistics.inference})
 * has no Cramér–von Mises test; it follows {@code scipy.stats.cramervonmises} and
 * {@code scipy.stats.cramervonmises_2samp}.
 *
 * <p><b>One sample.</b> With \(x_{(1)} \le \dots \le x_{(n)}\),
 * \[ W^2 = \frac{1}{12n} + \sum_{i=1}^n \left(\frac{2i - 1}{2n} - F(x_{(i)})\right)^2. \]
 * The p-value follows Csörgő &amp; Faraway's (1996) finite-n approximation
 * \(F_n(w) = V(w)(1 + \frac{1}{12n}) + \psi_1(w)/n\) on \(\frac{1}{12n} &lt; w &lt; \frac{n}{3}\) (p = 1 below,
 * p = 0 from \(n/3\), the largest value \(W^2\) can take), where \(V\) is the limiting distribution and
 * \(\psi_1\) their eq. (1.10) without its \(V/12\) term, summed as scipy sums it (until a term is below
 * 1e-7): \(p = p_\infty (1 - \rho)\) with the limiting tail \(p_\infty = 1 - V(w)\) and the relative correction
 * \(\rho = (F_n(w) - V(w)) / p_\infty\), which is about \(r(w)/n\) with \(r\) growing with \(w\) (3.2 at
 * \(w = 1\), 34 at \(w = 3\)). The limiting tail is Smirnov's (1937) branch-cut series
 * ({@link SmirnovTail#CRAMER_VON_MISES}), relative error below 1e-12 from p = 1 down past 1e-300 (measured
 * against the same series in mpmath at 40 digits, and within 1e-13 absolute of scipy's Bessel series, which
 * stops at terms below 1e-7). The first-order correction fails in the upper tail at small n (at n = 10 it
 * makes \(1 - F_n\) negative from \(W^2 \approx 1.7\); scipy then reports 0), and it is computed only to about
 * 1e-7/n absolute; so two changes, both continuous and keeping p decreasing in \(w\): where \(\rho &gt; 1/2\)
 * the factor \(1 - \rho\) continues as \(\tfrac12 e^{-2(\rho - 1/2)}\) (equal value and slope at 1/2), and
 * where \(p_\infty\) is below 1e-5 \(\rho\) is held at its value where \(p_\infty = 10^{-5}\). Elsewhere the
 * p-value is Csörgő and Faraway's, as scipy's to 2e-7. The p-value and its logarithm
 * ({@link TestResult#logPValue()}) are computed from \(\ln p_\infty\), finite
 * where the p-value underflows. The method is {@link PValueMethod#ASYMPTOTIC}: the error of \(F_n\) is
 * \(O(n^{-2})\) in the body of the distribution; scipy's p-value (\(1 - F_n\) from the truncated series) is
 * rounding noise below about 1e-9 (not monotone: p(W² = 7) = 1.9e-10 &gt; p(W² = 6) = 7.6e-12, where the
 * limiting tails are 1.3e-16 and 2.0e-14). \(K_\nu\) in \(\psi_1\) is computed here, as
 * \(e^z K_\nu(z) = \int_0^\infty e^{-2z\sinh^2(t/2)}\cosh(\nu t)\,dt\) by the trapezoidal rule, which
 * converges geometrically for this analytic, doubly exponentially decaying integrand.
 *
 * <p><b>Two samples.</b> With \(r_i\) the midranks in the pooled sample of the sorted \(x_{(i)}\)
 * (size \(n\)) and \(s_j\) those of the sorted \(y_{(j)}\) (size \(m\)), \(N = n + m\),
 * \[ U = n\sum_i (r_i - i)^2 + m\sum_j (s_j - j)^2, \qquad
 *    T = \frac{U}{nmN} - \frac{4nm - 1}{6N} \]
 * (Anderson 1962, eqs. (9)–(10)). {@link PValueChoice#EXACT}: \(P(U \ge u)\) over all \(\binom{N}{n}\)
 * equally likely assignments of the pooled values to the two samples, conditional on the observed ties
 * (the permutation distribution of the midrank statistic). It is computed by a recursion over the blocks
 * of equal pooled values, in the spirit of Xiao, Gordon &amp; Yakovlev's (2006) lattice-path recursion:
 * after each block the state is the number \(i\) of x-values so far, holding the distribution of the
 * partial sum of \(4U\) (an integer: \(2r\) is); a block of \(t\) values with midrank \(r\) that gets
 * \(c\) x-values adds \(n\sum_{k=i+1}^{i+c}(2r - 2k)^2 + m\sum_{l=j+1}^{j+t-c}(2r - 2l)^2\) in
 * \(\binom{t}{c}\) ways. Without ties every block has one value and this is the classical exact
 * distribution (scipy's {@code method='exact'}); with ties scipy uses the untied distribution, which is
 * not the null distribution of the tied statistic (5 + 5 values with 6 distinct: 0.142857 where
 * enumeration gives 0.158730). The counts are doubles (exact below \(2^{53}\), i.e. \(N \le 55\));
 * {@link PValueChoice#ASYMPTOTIC}: the statistic normalised with Anderson's exact mean and
 * variance, \(T_n = 1/6 + (T - E T)/\sqrt{45 \operatorname{Var} T}\), referred to the limiting one-sample
 * distribution \(V\) (p = 1 when \(T_n &lt; 0.003\)); {@link PValueChoice#AUTO} is exact when
 * \(\max(n, m) \le 20\), as scipy's {@code method='auto'}.
 *
 * <p>References:
 * <ol>
 * <li>Anderson, T. W. (1962). On the distribution of the two-sample Cramér–von Mises criterion.
 * <i>Annals of Mathematical Statistics</i> 33(3), 1148–1159, doi:10.1214/aoms/1177704477.
 * <li>Xiao, Y., Gordon, A. &amp; Yakovlev, A. (2006). A C++ program for the Cramér–von Mises
 * two-sample test. <i>Journal of Statistical Software</i> 17(8), doi:10.18637/jss.v017.i08.
 * <li>Csörgő, S. &amp; Faraway, J. J. (1996). The exact and asymptotic distributions of Cramér–von
 * Mises statistics. <i>Journal of the Royal Statistical Society B</i> 58(1), 221–234,
 * doi:10.1111/j.2517-6161.1996.tb02077.x.
 * <li>Anderson, T. W. &amp; Darling, D. A. (1952). Asymptotic theory of certain "goodness of fit"
 * criteria based on stochastic processes. <i>Annals of Mathematical Statistics</i> 23(2), 193–212,
 * doi:10.1214/aoms/1177729437.
 * </ol>
 */
public final class CramerVonMises {
    /** scipy's stopping rule for both series. */
    private static final double SERIES_TOLERANCE = 1e-7;
    private static final double STEP = 1.0 / 32;
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    /** Below this limiting p-value the relative finite-n correction is held (see the class documentation). */
    private static final double HOLD_BELOW = 1e-5;
    private static final double LOG_HOLD = Math.log(HOLD_BELOW);
    private static final double HOLD_AT = holdPoint();

    /** The largest sample size for which {@link PValueChoice#AUTO} uses the exact two-sample distribution. */
    public static final int EXACT_LIMIT = 20;

    private CramerVonMises() {
    }

    /**
     * Two-sample test of {@code x} against {@code y} with {@link PValueChoice#AUTO}.
     *
     * @param x the first sample, at least 2 finite values
     * @param y the second sample, at least 2 finite values
     * @return a result named {@code "cvm2"} with statistic \(T\)
     * @throws io.github.latentcheck.InvalidInputException if a sample is too short or holds a
     *     non-finite value
     */
    public static TestResult twoSample(double[] x, double[] y) {
        return twoSample(x, y, PValueChoice.AUTO);
    }

    /**
     * Two-sample test of {@code x} against {@code y}.
     *
     * @param x the first sample, at least 2 finite values
     * @param y the second sample, at least 2 finite values
     * @param method how to compute the p-value
     * @return a result named {@code "cvm2"} with statistic \(T\)
     * @throws io.github.latentcheck.InvalidInputException if a sample is too short or holds a
     *     non-finite value
     */
    public static TestResult twoSample(double[] x, double[] y, PValueChoice method) {
        MomentTests.checkSample(x, 2);
        MomentTests.checkSample(y, 2);
        Objects.requireNonNull(method, "method");
        int nx = x.length;
        int ny = y.length;
        AndersonDarling.Pooled pooled = AndersonDarling.Pooled.of(List.of(x, y), 4);
        int[] starts = pooled.tieStarts;
        double sumX = 0;
        double sumY = 0;
        int ix = 0;
        int iy = 0;
        for (int b = 0; b + 1 < starts.length; b++) {
            double twiceRank = starts[b] + 1.0 + starts[b + 1];
            for (int r = starts[b]; r < starts[b + 1]; r++) {
                if (pooled.labels[r] == 0) {
                    double d = twiceRank - 2.0 * ++ix;
                    sumX += d * d;
                } else {
                    double d = twiceRank - 2.0 * ++iy;
                    sumY += d * d;
                }
            }
        }
        double fourU = nx * sumX + ny * sumY;
        double u = fourU / 4.0;
        double k = (double) nx * ny;
        double n = nx + ny;
        double t = u / (k * n) - (4 * k - 1) / (6 * n);
        boolean exact = method == PValueChoice.EXACT || method == PValueChoice.AUTO && Math.max(nx, ny) <= EXACT_LIMIT;
        if (exact) {
            return TestResult.of("cvm2", t, exactTwoSamplePValue(pooled, nx, ny, Math.round(fourU)), PValueMethod.EXACT);
        }
        double et = (1 + 1 / n) / 6;
        double vt = (n + 1) * (4 * k * n - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        double logP = tn >= 0.003 ? SmirnovTail.CRAMER_VON_MISES.logSurvival(tn) : 0;
        return TestResult.ofLog("cvm2", t, logP, PValueMethod.ASYMPTOTIC);
    }

    /**
     * \(P(4U \ge\) {@code observed}\()\) over all labellings of the pooled sample with its ties, by the
     * recursion over tie blocks of the class documentation.
     *
     * @param pooled the sorted pooled sample with its tie blocks
     * @param n the size of the first sample
     * @param m the size of the second
     * @param observed the observed \(4U\), an integer (exact in double for the sample sizes this is used at)
     * @return the exact conditional p-value
     */
    private static double exactTwoSamplePValue(AndersonDarling.Pooled pooled, int n, int m, long observed) {
        int[] starts = pooled.tieStarts;
        List<Map<Long, Double>> states = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) {
            states.add(new HashMap<>());
        }
        states.get(0).put(0L, 1.0);
        for (int b = 0; b + 1 < starts.length; b++) {
            int start = starts[b];
            int size = starts[b + 1] - start;
            long twiceRank = start + 1L + starts[b + 1];
            List<Map<Long, Double>> next = new ArrayList<>(n + 1);
            for (int i = 0; i <= n; i++) {
                next.add(new HashMap<>());
            }
            for (int ix = 0; ix <= n; ix++) {
                int iy = start - ix;
                Map<Long, Double> state = states.get(ix);
                if (state.isEmpty() || iy < 0 || iy > m) {
                    continue;
                }
                double ways = 1;
                int low = Math.max(0, size - (m - iy));
                for (int c = 0; c < low; c++) {
                    ways = ways * (size - c) / (c + 1);
                }
                for (int c = low; c <= Math.min(size, n - ix); c++) {
                    long add = n * squares(twiceRank, ix, c) + m * squares(twiceRank, iy, size - c);
                    double w = Math.rint(ways);
                    Map<Long, Double> target = next.get(ix + c);
                    state.forEach((value, count) -> target.merge(value + add, count * w, Double::sum));
                    ways = ways * (size - c) / (c + 1);
                }
            }
            states = next;
        }
        double hits = 0;
        double total = 0;
        for (Map.Entry<Long, Double> e : states.get(n).entrySet()) {
            total += e.getValue();
            if (e.getKey() >= observed) {
                hits += e.getValue();
            }
        }
        return hits / total;
    }

    /** @return \(\sum_{k = from+1}^{from+count} (2r - 2k)^2\) with {@code twiceRank} \(= 2r\) */
    private static long squares(long twiceRank, int from, int count) {
        long sum = 0;
        for (int k = from + 1; k <= from + count; k++) {
            long d = twiceRank - 2L * k;
            sum += d * d;
        }
        return sum;
    }

    /**
     * @param x the sample, at least 2 finite values
     * @param dist the reference distribution (parameters known, not estimated)
     * @return a result named {@code "cvm"} with statistic \(W^2\)
     * @throws io.github.latentcheck.InvalidInputException if {@code x} is too short or holds a
     *     non-finite value
     */
    public static TestResult oneSample(double[] x, ContinuousDistribution dist) {
        MomentTests.checkSample(x, 2);
        Objects.requireNonNull(dist, "dist");
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (2.0 * (i + 1) - 1) / (2.0 * n) - dist.cumulativeProbability(sorted[i]);
            sum += d * d;
        }
        double w = 1 / (12.0 * n) + sum;
        return TestResult.ofLog("cvm", w, oneSampleLogPValue(w, n), PValueMethod.ASYMPTOTIC);
    }

    /**
     * The p-value of {@link #oneSample}; public so that a power model can find the critical value the test
     * itself uses.
     *
     * @param w the statistic \(W^2\)
     * @param n the sample size
     * @return the p-value in [0, 1], {@code Math.exp(oneSampleLogPValue(w, n))}
     */
    public static double oneSamplePValue(double w, int n) {
        return Math.exp(oneSampleLogPValue(w, n));
    }

    /**
     * The natural logarithm of {@link #oneSamplePValue}, computed directly (see the class documentation).
     *
     * @param w the statistic \(W^2\)
     * @param n the sample size
     * @return \(\ln p\), at most 0; {@code -Infinity} from \(w = n/3\) on, where the p-value is 0
     */
    public static double oneSampleLogPValue(double w, int n) {
        if (w >= n / 3.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!(w > 1 / (12.0 * n))) {
            return 0;
        }
        double logLimit = SmirnovTail.CRAMER_VON_MISES.logSurvival(w);
        double rho = logLimit >= LOG_HOLD ? relativeCorrection(w, n, logLimit) : relativeCorrection(HOLD_AT, n, LOG_HOLD);
        double factor = rho <= 0.5 ? Math.log1p(-rho) : Math.log(0.5) - 2 * (rho - 0.5);
        return Math.min(0, logLimit + factor);
    }

    /** @return Csörgő &amp; Faraway's correction relative to the limiting tail, \((F_n(w) - V(w)) / (1 - V(w))\) */
    private static double relativeCorrection(double w, int n, double logLimit) {
        return (-Math.expm1(logLimit) / (12.0 * n) + psi1(w) / n) / Math.exp(logLimit);
    }

    /** @return the statistic at which the limiting tail is {@value #HOLD_BELOW}, by bisection */
    private static double holdPoint() {
        double low = 1;
        double high = 4;
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (SmirnovTail.CRAMER_VON_MISES.logSurvival(mid) > LOG_HOLD) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /**
     * @param w the statistic
     * @param n the sample size
     * @return Csörgő &amp; Faraway's \(F_n(w)\), as {@link #oneSamplePValue} applies it
     */
    static double cdf(double w, int n) {
        return -Math.expm1(oneSampleLogPValue(w, n));
    }

    /** Csörgő &amp; Faraway's \(\psi_1\) without its \(V/12\) term, as scipy's {@code _psi1_mod}. */
    private static double psi1(double x) {
        double total = 0;
        double factorial = 1;
        for (int k = 0;; k++) {
            if (k > 0) {
                factorial *= k;
            }
            double m = 2 * k + 1;
            double sx = 2 * Math.sqrt(x);
            double y1 = Math.pow(x, 0.75);
            double y2 = Math.pow(x, 1.25);
            double g1 = Math.exp(LogGamma.value(k + 0.5));
            double g3 = Math.exp(LogGamma.value(k + 1.5));
            double e1 = m * g1 * ed2((4 * k + 3) / sx) / (9 * y1);
            double e2 = g1 * ed3((4 * k + 1) / sx) / (72 * y2);
            double e3 = 2 * (m + 2) * g3 * ed3((4 * k + 5) / sx) / (12 * y2);
            double e4 = 7 * m * g1 * ed2((4 * k + 1) / sx) / (144 * y1);
            double e5 = 7 * m * g1 * ed2((4 * k + 5) / sx) / (144 * y1);
            double z = -(e1 + e2 + e3 + e4 + e5) / (Math.PI * factorial);
            total += z;
            if (!(Math.abs(z) >= SERIES_TOLERANCE)) {
                return total;
            }
        }
    }

    private static double ed2(double y) {
        double z = y * y / 4;
        double b = scaledBesselK(0.25, z) + scaledBesselK(0.75, z);
        return Math.exp(-2 * z) * Math.pow(y / 2, 1.5) * b / SQRT_PI;
    }

    private static double ed3(double y) {
        double z = y * y / 4;
        double b = 2 * scaledBesselK(0.25, z) + 3 * scaledBesselK(0.75, z) - scaledBesselK(1.25, z);
        return Math.exp(-2 * z) / SQRT_PI * Math.pow(y / 2, 2.5) * b;
    }

    /**
     * @param nu the order
     * @param z the argument, strictly positive
     * @return \(e^z K_\nu(z) = \int_0^\infty \exp(-2z\sinh^2(t/2)) \cosh(\nu t)\,dt\), by the
     *     trapezoidal rule with step 1/32, stopped where the integrand is below 1e-17 of the sum
     */
    static double scaledBesselK(double nu, double z) {
        double sum = 0.5;
        for (int i = 1;; i++) {
            double t = i * STEP;
            double s = Math.sinh(t / 2);
            double f = Math.exp(-2 * z * s * s) * Math.cosh(nu * t);
            sum += f;
            if (f < 1e-17 * sum) {
                return sum * STEP;
            }
        }
    }
}
