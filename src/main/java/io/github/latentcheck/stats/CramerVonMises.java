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
 * The p-value is \(\max(0, 1 - F_n(W^2))\) with Csörgő &amp; Faraway's (1996) finite-n approximation
 * \(F_n(w) = V(w)(1 + \frac{1}{12n}) + \psi_1(w)/n\) on \(\frac{1}{12n} &lt; w &lt; \frac{n}{3}\) (0 below,
 * 1 above), where \(V\) is the limiting distribution (their eq. (1.2), a series in the modified Bessel
 * function \(K_{1/4}\)) and \(\psi_1\) their eq. (1.10) without its \(V/12\) term, summed as scipy sums
 * them (until a term is below 1e-7). The method is {@link PValueMethod#ASYMPTOTIC}: the error of
 * \(F_n\) is \(O(n^{-2})\); like scipy's, the p-value is not accurate far in the upper tail
 * (\(W^2 \gtrsim 2\), p below about 1e-6). \(K_\nu\) is computed here, as
 * \(e^z K_\nu(z) = \int_0^\infty e^{-2z\sinh^2(t/2)}\cosh(\nu t)\,dt\) by the trapezoidal rule, which
 * converges geometrically for this analytic, doubly exponentially decaying integrand.
 *
 * <p><b>Two samples.</b> With \(r_i\) the midranks in the pooled sample of the sorted \(x_{(i)}\)
 * (size \(n\)) and \(s_j\) those of the sorted \(y_{(j)}\) (size \(m\)), \(N = n + m\),
 * \[ U = n\sum_i (r_i - i)^2 + m\sum_j (s_j - j)^2, \qquad
 *    T = \frac{U}{nmN} - \frac{4nm - 1}{6N} \]
 * (Anderson 1962, eqs. (9)–(10)). {@link PValueChoice#EXACT}: \(P(U \ge u)\) by enumerating the
 * distribution of \(U\) over all \(\binom{N}{n}\) rank assignments with Xiao, Gordon &amp; Yakovlev's
 * (2006) lattice-path recursion, exact in integer arithmetic (for tied data, the distribution without
 * ties, as scipy); {@link PValueChoice#ASYMPTOTIC}: the statistic normalised with Anderson's exact mean and
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
        double[] ranks = new double[nx + ny];
        int[] starts = pooled.tieStarts;
        for (int j = 0; j + 1 < starts.length; j++) {
            double midrank = (starts[j] + 1 + starts[j + 1]) / 2.0;
            for (int r = starts[j]; r < starts[j + 1]; r++) {
                ranks[r] = midrank;
            }
        }
        double sumX = 0;
        double sumY = 0;
        int ix = 0;
        int iy = 0;
        for (int r = 0; r < ranks.length; r++) {
            if (pooled.labels[r] == 0) {
                double d = ranks[r] - ++ix;
                sumX += d * d;
            } else {
                double d = ranks[r] - ++iy;
                sumY += d * d;
            }
        }
        double u = nx * sumX + ny * sumY;
        double k = (double) nx * ny;
        double n = nx + ny;
        double t = u / (k * n) - (4 * k - 1) / (6 * n);
        boolean exact = method == PValueChoice.EXACT || method == PValueChoice.AUTO && Math.max(nx, ny) <= EXACT_LIMIT;
        if (exact) {
            return TestResult.of("cvm2", t, exactTwoSamplePValue(u, nx, ny), PValueMethod.EXACT);
        }
        double et = (1 + 1 / n) / 6;
        double vt = (n + 1) * (4 * k * n - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        double p = tn >= 0.003 ? Math.max(0, 1 - limitingCdf(tn)) : 1;
        return TestResult.of("cvm2", t, p, PValueMethod.ASYMPTOTIC);
    }

    /**
     * \(P(U \ge u)\) by Xiao, Gordon &amp; Yakovlev's recursion, as scipy's {@code _pval_cvm_2samp_exact}:
     * with \(L = \mathrm{lcm}(m, n)\), \(a = L/m\), \(b = L/n\), the frequencies of
     * \(\sum (a v - b u)^2\) along the monotone lattice paths from (0, 0) to (n, m), compared with
     * \(\zeta = \lfloor L^2 N (6U - mn(4mn - 1)) / (6 m^2 n^2) \rfloor\).
     */
    private static double exactTwoSamplePValue(double s, int m, int n) {
        long lcm = (long) m / gcd(m, n) * n;
        long a = lcm / m;
        long b = lcm / n;
        double mn = (double) m * n;
        double zeta = Math.floor((double) (lcm * lcm * (m + n)) * (6 * s - mn * (4 * mn - 1)) / (6 * mn * mn));
        List<Map<Long, Long>> gs = new ArrayList<>();
        gs.add(Map.of(0L, 1L));
        for (int v = 1; v <= m; v++) {
            gs.add(Map.of());
        }
        for (int u = 0; u <= n; u++) {
            List<Map<Long, Long>> next = new ArrayList<>(m + 1);
            Map<Long, Long> tmp = new HashMap<>();
            for (int v = 0; v <= m; v++) {
                Map<Long, Long> merged = new HashMap<>(tmp);
                gs.get(v).forEach((value, freq) -> merged.merge(value, freq, Long::sum));
                long add = (a * v - b * u) * (a * v - b * u);
                Map<Long, Long> shifted = new HashMap<>(merged.size() * 2);
                merged.forEach((value, freq) -> shifted.put(value + add, freq));
                tmp = shifted;
                next.add(tmp);
            }
            gs = next;
        }
        long at = 0;
        for (Map.Entry<Long, Long> e : gs.get(m).entrySet()) {
            if (e.getKey() >= zeta) {
                at += e.getValue();
            }
        }
        return at / binomial(m + n, m);
    }

    private static long gcd(long p, long q) {
        return q == 0 ? p : gcd(q, p % q);
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return Math.rint(c);
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
        return TestResult.of("cvm", w, oneSamplePValue(w, n), PValueMethod.ASYMPTOTIC);
    }

    /**
     * The p-value \(\max(0, 1 - F_n(w))\) of {@link #oneSample}; public so that a power model can find the
     * critical value the test itself uses.
     *
     * @param w the statistic \(W^2\)
     * @param n the sample size
     * @return the p-value in [0, 1]
     */
    public static double oneSamplePValue(double w, int n) {
        return Math.max(0, 1 - cdf(w, n));
    }

    /**
     * @param w the statistic
     * @param n the sample size
     * @return Csörgő &amp; Faraway's \(F_n(w)\)
     */
    static double cdf(double w, int n) {
        if (w >= n / 3.0) {
            return 1;
        }
        if (!(w > 1 / (12.0 * n))) {
            return 0;
        }
        return limitingCdf(w) * (1 + 1 / (12.0 * n)) + psi1(w) / n;
    }

    /**
     * @param w the statistic, strictly positive
     * @return the limiting distribution \(V(w) = \sum_k \frac{\Gamma(k + 1/2)}{\pi^{3/2}\, k!\, \sqrt{w}}
     *     \sqrt{4k+1}\, e^{-q_k} K_{1/4}(q_k)\), \(q_k = (4k+1)^2/(16w)\)
     */
    static double limitingCdf(double w) {
        double total = 0;
        for (int k = 0;; k++) {
            double u = Math.exp(LogGamma.value(k + 0.5) - LogGamma.value(k + 1)) / (Math.pow(Math.PI, 1.5) * Math.sqrt(w));
            double y = 4 * k + 1;
            double q = y * y / (16 * w);
            double term = u * Math.sqrt(y) * Math.exp(-2 * q) * scaledBesselK(0.25, q);
            total += term;
            if (!(Math.abs(term) >= SERIES_TOLERANCE)) {
                return total;
            }
        }
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
