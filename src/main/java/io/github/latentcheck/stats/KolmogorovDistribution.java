package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;

/**
 * Upper tails of the one-sample Kolmogorov–Smirnov statistics under the null hypothesis, computed
 * directly (never as \(1 - \mathrm{CDF}\)) and returned with their natural logarithm, so that a p-value
 * below the double range is still reported.
 *
 * <p>Two-sided: \(P(D_n \ge d)\) with \(D_n = \sup_x |F_n(x) - F(x)|\). One-sided: \(P(D_n^+ \ge d)\) with
 * \(D_n^+ = \sup_x (F_n(x) - F(x))\), which is also the law of \(D_n^-\).
 *
 * <p><b>Why our own.</b> Commons Statistics 1.2 and scipy 1.17 ({@code kstwo.sf}) follow Simard &amp;
 * L'Ecuyer (2011): exact only for \(n \le 140\); beyond, Miller's \(2P(D_n^+ \ge d)\) when
 * \(nd^2 \ge 2.2\) and the Pelz–Good series elsewhere (outside a small Durbin-matrix region), with
 * relative errors we measured up to 3.8e-6 against exact values (README, statistics section). Both
 * also compute the two-sided tail as \(1 - \mathrm{CDF}\) in part of the range and return 0 below the
 * double range.
 *
 * <p><b>Two-sided, \(n \le\) {@value #EXACT_MAX_N}: an exact first-passage recursion.</b> \(D_n &lt; d\)
 * if and only if \(N(a_i) \ge i\) and \(N(b_i) \le i - 1\) for every \(i\), where \(N(t)\) counts the
 * uniforms \(U_j = F(X_j)\) at or below \(t\), \(a_i = (i-1)/n + d\) and \(b_i = i/n - d\) (only the
 * \(a_i, b_i \in (0, 1)\) constrain). As in Durbin (1973) and Marsaglia–Tsang–Wang (2003), the
 * binomial process is replaced by a Poisson process \(N\) of rate \(n\), conditioned on \(N(1) = n\).
 * We walk the breakpoints in order (consecutive ones are at most \(1/n\) apart), carrying
 * \(q_s(j) = P(N(t_s) = j, \text{no boundary crossed yet})\) over the allowed band, whose width is
 * about \(2nd\); a step convolves \(q\) with the Poisson\((n\,\Delta t)\) probabilities
 * (\(n\,\Delta t \le 1\); terms below 1e-35 dropped). The mass that crosses a boundary at a breakpoint
 * \(t\) in state \(j\) is a first crossing (a state at or above the next upper bound is counted at
 * once, as it must cross there), and with independent increments
 * \[ P(D_n \ge d) = \frac{1}{P(N(1) = n)} \sum_{\text{first crossings } (t, j)} P(\text{cross at } t
 * \text{ in } j) \, P(N(1) - N(t) = n - j), \]
 * a sum of positive terms: no cancellation, every term accurate to a few ulp. Poisson probabilities
 * come from Loader's saddle-point form (\(\operatorname{stirlerr}\), \(\operatorname{bd0}\)). The
 * in-band mass that ends at \(N(1) = n\) is \(P(D_n &lt; d)\); the two must add to 1, which is checked
 * (a failed check is reported, not hidden). Rounding in sums of non-negative terms gives a relative
 * error of at most \(2(n+1)(K+4)u\) (\(K \le 36\) kernel terms, \(u = 2^{-53}\)), 8.9e-11 at
 * \(n = 10^4\); measured errors are below 1e-13. Cost: \(2n\) steps over a band of about \(2nd\)
 * states with up to 33 kernel terms, \(O(n^2 d)\); at \(n = 10^4\) the worst case (just before the
 * switch below) takes 0.07 s warm on the project's 2-core machine, 0.02–0.03 s at p = 0.11–0.86
 * (docs/benchmarks.md). Used while \(P(D_n^+ \ge d) &gt;\) {@value #HARRIS_SWITCH}.
 *
 * <p><b>Two-sided tails: \(2P(D_n^+ \ge d)\).</b> \(P(D_n \ge d) = 2P^+ - P(D_n^+ \ge d, D_n^- \ge d)\).
 * For \(d \ge 1/2\) the two events are disjoint, so \(2P^+\) is exact. Otherwise \(\{D^+ \ge d\}\) is
 * a decreasing and \(\{D^- \ge d\}\) an increasing event of the uniforms, so by Harris' inequality
 * \(0 \le P(\text{both}) \le (P^+)^2\), and \(2P^+\) is within relative error \(P^+/2\): at most 1e-11
 * below the switch.
 *
 * <p><b>One-sided: the Smirnov–Birnbaum–Tingey sum</b>
 * \[ P(D_n^+ \ge d) = \sum_{j=0}^{\lfloor n(1-d) \rfloor} \binom{n}{j} \Big(1 - d - \frac{j}{n}\Big)^{n-j}
 * \Big(d + \frac{j}{n}\Big)^{j-1} d , \]
 * positive terms; term \(j\) is the binomial probability \(b(j; n, d + j/n)\) times \(nd/(nd + j)\),
 * evaluated in logarithms by Loader's saddle-point form with \(n(d + j/n) = j + nd\) and
 * \(n(1 - d - j/n) = n - j - nd\) formed from \(nd\) held exactly as two doubles, and summed in log
 * space. Exact for every \(n\); cost \(O(n)\).
 *
 * <p><b>Two-sided, \(n &gt;\) {@value #EXACT_MAX_N}: asymptotic, with a stated bound.</b> The
 * recursion's cost grows as \(n^{3/2}\) (0.07 s at \(n = 10^4\) near its switch), so beyond
 * {@value #EXACT_MAX_N} (unless {@link #twoSidedExact} is asked for): when \(nd^2 \ge\)
 * {@value #ASYMPTOTIC_TAIL_X2}, \(2P^+\), whose error \(P(D^+ \ge d, D^- \ge d)/P\) behaves as
 * \(e^{-6nd^2} \le 4 \cdot 10^{-11}\) (Kolmogorov's series) and measured at most 3.6e-11 at
 * \(n = 10001\), \(x = \sqrt{n} d \in [2, 3.6]\); below, the Pelz–Good (1976) expansion to
 * \(O(n^{-3/2})\), its leading Kolmogorov term summed directly as the upper tail
 * \(2\sum_{k \ge 1} (-1)^{k-1} e^{-2k^2 x^2}\) and the small corrections subtracted from it. Against
 * the exact recursion its relative error is at most 1.3e-8 at \(n = 10001\) for \(x &lt; 2\) and
 * shrinks as \(n^{-2}\) (1.0e-8 at \(n = 20000\)). Both report the bound {@value #ASYMPTOTIC_BOUND}
 * (or Harris' \(P^+/2\) when smaller) in {@link Tail#relativeErrorBound()}.
 *
 * <p>References:
 * <ol>
 * <li>Durbin, J. (1973). <i>Distribution Theory for Tests Based on the Sample Distribution Function</i>.
 * SIAM, doi:10.1137/1.9781611970586.
 * <li>Marsaglia, G., Tsang, W. W. &amp; Wang, J. (2003). Evaluating Kolmogorov's distribution.
 * <i>Journal of Statistical Software</i> 8(18), doi:10.18637/jss.v008.i18.
 * <li>Simard, R. &amp; L'Ecuyer, P. (2011). Computing the two-sided Kolmogorov–Smirnov distribution.
 * <i>Journal of Statistical Software</i> 39(11), doi:10.18637/jss.v039.i11.
 * <li>Birnbaum, Z. W. &amp; Tingey, F. H. (1951). One-sided confidence contours for probability
 * distribution functions. <i>Annals of Mathematical Statistics</i> 22(4), 592–596,
 * doi:10.1214/aoms/1177729550.
 * <li>Pelz, W. &amp; Good, I. J. (1976). Approximating the lower tail-areas of the Kolmogorov-Smirnov
 * one-sample statistic. <i>Journal of the Royal Statistical Society B</i> 38(2), 152–156,
 * doi:10.1111/j.2517-6161.1976.tb01579.x.
 * <li>Harris, T. E. (1960). A lower bound for the critical probability in a certain percolation
 * process. <i>Proceedings of the Cambridge Philosophical Society</i> 56(1), 13–20,
 * doi:10.1017/S0305004100034241.
 * <li>Loader, C. (2000). Fast and accurate computation of binomial probabilities. Technical report;
 * as in R's {@code dbinom} / {@code dpois}, https://www.r-project.org/doc/reports/CLoader-dbinom-2002.pdf.
 * </ol>
 */
public final class KolmogorovDistribution {
    /** The largest n for which the two-sided tail is computed exactly by default. */
    public static final int EXACT_MAX_N = 10_000;
    /** Below this \(P^+\), \(2P^+\) replaces the recursion (relative error at most \(P^+/2\)). */
    static final double HARRIS_SWITCH = 2e-11;
    /** Beyond {@link #EXACT_MAX_N}: from this \(nd^2\) on, \(2P^+\) replaces the Pelz–Good series. */
    static final double ASYMPTOTIC_TAIL_X2 = 4;
    /** The stated relative error bound beyond {@link #EXACT_MAX_N} (measured, see the class documentation). */
    static final double ASYMPTOTIC_BOUND = 1e-7;
    /** An approximation within this relative error counts as exact. */
    static final double EXACT_BOUND = 1e-10;
    /** Kernel terms below this probability are dropped (their total stays below 1e-30). */
    private static final double KERNEL_FLOOR = 1e-35;
    /**
     * Band states below this probability are set to 0 and trimmed from the band: at most \(2n \cdot n\)
     * of them, so they move less than 1e-32 of probability, against a joint probability
     * \(P(D_n \ge d, N(1) = n) &gt; 10^{-13}\) wherever the recursion runs.
     */
    private static final double STATE_FLOOR = 1e-40;
    /** The largest kernel length: Poisson(1) probabilities fall below 1e-35 by k = 33. */
    private static final int KERNEL_MAX = 36;
    /** Zeros on either side of the kernel in its array ({@link #convolve}). */
    private static final int KERNEL_PAD = 3;
    /** The recursion's check: \(|P(D \ge d) + P(D &lt; d) - 1|\) must stay below this. */
    private static final double CHECK_TOLERANCE = 1e-9;
    private static final double UNIT_ROUNDOFF = 0x1.0p-53;
    private static final double HALF_LOG_TWO_PI = 0.9189385332046727417803297;
    private static final double LN2 = Math.log(2);
    /** \(\operatorname{stirlerr}(k) = \ln k! - (k + 1/2)\ln k + k - \ln\sqrt{2\pi}\), k = 1..15 (mpmath). */
    private static final double[] STIRLERR = {
        0, 0.08106146679532725821967, 0.04134069595540929409382, 0.02767792568499833914879,
        0.02079067210376509311152, 0.01664469118982119216319, 0.01387612882307074799875,
        0.01189670994589177009506, 0.01041126526197209649748, 0.009255462182712732917729,
        0.008330563433362871256469, 0.007573675487951840794972, 0.006942840107209529865664,
        0.00640899418800420706844, 0.005951370112758847735624, 0.005554733551962801371039,
    };

    private KolmogorovDistribution() {
    }

    /** The algorithm that produced a {@link Tail}. */
    public enum Algorithm {
        /** A closed form: \(P = 1\) for \(d \le 1/(2n)\), \(P = 0\) for \(d \ge 1\) (two-sided) or \(d &gt; 1\). */
        CLOSED_FORM,
        /** The exact first-passage recursion (two-sided). */
        FIRST_PASSAGE,
        /** \(2P(D_n^+ \ge d)\): exact for \(d \ge 1/2\), within the Harris bound otherwise. */
        TWICE_ONE_SIDED,
        /** The exact Smirnov–Birnbaum–Tingey sum (one-sided). */
        SMIRNOV_SUM,
        /** The Pelz–Good asymptotic series (two-sided, \(n &gt;\) {@value #EXACT_MAX_N}). */
        PELZ_GOOD
    }

    /**
     * An upper-tail probability, its natural logarithm, the algorithm and a bound on its relative error.
     * When the algorithm could not deliver (its self-check failed), {@link #delivered()} is false,
     * {@link #failure()} says why, and {@link #p()} and {@link #logP()} are NaN.
     */
    public static final class Tail {
        private final double p;
        private final double logP;
        private final Algorithm algorithm;
        private final double relativeErrorBound;
        private final boolean exact;
        private final String failure;

        private Tail(double logP, Algorithm algorithm, double relativeErrorBound, boolean exact, String failure) {
            this.logP = logP;
            this.p = Math.exp(logP);
            this.algorithm = algorithm;
            this.relativeErrorBound = relativeErrorBound;
            this.exact = exact;
            this.failure = failure;
        }

        /**
         * @param approximationBound the relative error of the formula itself (0 for exact algorithms)
         * @param roundingBound the worst-case relative error from floating-point rounding
         */
        static Tail ofLog(double logP, Algorithm algorithm, double approximationBound, double roundingBound) {
            return new Tail(Math.min(0, logP), algorithm, approximationBound + roundingBound,
                    approximationBound <= EXACT_BOUND, "");
        }

        static Tail failed(Algorithm algorithm, String failure) {
            return new Tail(Double.NaN, algorithm, Double.NaN, false, failure);
        }

        /** @return the probability; 0 when it is below the double range (see {@link #logP()}) */
        public double p() {
            return p;
        }

        /** @return the natural logarithm of the probability, finite whenever the probability is positive */
        public double logP() {
            return logP;
        }

        /** @return the algorithm that computed the probability */
        public Algorithm algorithm() {
            return algorithm;
        }

        /**
         * @return a bound on the relative error of {@link #p()} (equivalently on the absolute error of
         *     {@link #logP()})
         */
        public double relativeErrorBound() {
            return relativeErrorBound;
        }

        /** @return whether the algorithm delivered the probability */
        public boolean delivered() {
            return failure.isEmpty();
        }

        /** @return why the algorithm could not deliver, or the empty string */
        public String failure() {
            return failure;
        }

        /**
         * @return whether the algorithm is exact up to floating-point rounding, or its approximation
         *     error is at most 1e-10 (2P+ within the Harris bound)
         */
        public boolean exact() {
            return delivered() && exact;
        }

        @Override
        public String toString() {
            return delivered()
                    ? "p=" + p + " (log p=" + logP + ", " + algorithm + ", relative error <= "
                            + relativeErrorBound + ")"
                    : algorithm + " failed: " + failure;
        }
    }

    /**
     * \(P(D_n \ge d)\): exact for \(n \le\) {@value #EXACT_MAX_N}, asymptotic with a stated bound beyond
     * (see the class documentation).
     *
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return the upper tail
     * @throws InvalidInputException if {@code n < 1} or {@code d} is NaN
     */
    public static Tail twoSided(double d, int n) {
        return twoSided(d, n, false);
    }

    /**
     * \(P(D_n \ge d)\) by the exact algorithms whatever \(n\): the recursion costs \(O(n^2 d)\), so at a
     * given p it grows as \(n^{3/2}\) (up to 0.07 s at \(n = 10^4\), about 30 times that at \(n = 10^5\)).
     *
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return the upper tail
     * @throws InvalidInputException if {@code n < 1} or {@code d} is NaN
     */
    public static Tail twoSidedExact(double d, int n) {
        return twoSided(d, n, true);
    }

    /**
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return \(P(D_n \ge d)\), 0 below the double range
     */
    public static double sf(double d, int n) {
        return twoSided(d, n).p();
    }

    /**
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return \(\ln P(D_n \ge d)\)
     */
    public static double logSf(double d, int n) {
        return twoSided(d, n).logP();
    }

    /**
     * \(P(D_n^+ \ge d)\) (also \(P(D_n^- \ge d)\)) by the exact Smirnov–Birnbaum–Tingey sum.
     *
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return the upper tail
     * @throws InvalidInputException if {@code n < 1} or {@code d} is NaN
     */
    public static Tail oneSided(double d, int n) {
        validate(d, n);
        if (d <= 0) {
            return Tail.ofLog(0, Algorithm.CLOSED_FORM, 0, 0);
        }
        if (d > 1) {
            return Tail.ofLog(Double.NEGATIVE_INFINITY, Algorithm.CLOSED_FORM, 0, 0);
        }
        double logP = smirnovLogSf(d, n);
        return Tail.ofLog(logP, Algorithm.SMIRNOV_SUM, 0, smirnovBound(logP, n));
    }

    /**
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return \(P(D_n^+ \ge d)\), 0 below the double range
     */
    public static double oneSidedSf(double d, int n) {
        return oneSided(d, n).p();
    }

    /**
     * @param d the statistic
     * @param n the sample size, at least 1
     * @return \(\ln P(D_n^+ \ge d)\)
     */
    public static double oneSidedLogSf(double d, int n) {
        return oneSided(d, n).logP();
    }

    private static Tail twoSided(double d, int n, boolean exact) {
        validate(d, n);
        if (d <= 0.5 / n) {
            return Tail.ofLog(0, Algorithm.CLOSED_FORM, 0, 0);
        }
        if (d >= 1) {
            return Tail.ofLog(Double.NEGATIVE_INFINITY, Algorithm.CLOSED_FORM, 0, 0);
        }
        if (n > EXACT_MAX_N && !exact) {
            if (n * d * d < ASYMPTOTIC_TAIL_X2) {
                return Tail.ofLog(Math.log(pelzGoodSf(d, n)), Algorithm.PELZ_GOOD, ASYMPTOTIC_BOUND, 0);
            }
            double logPlus = smirnovLogSf(d, n);
            double bound = d >= 0.5 ? 0 : Math.min(Math.exp(logPlus) / 2, ASYMPTOTIC_BOUND);
            return Tail.ofLog(LN2 + logPlus, Algorithm.TWICE_ONE_SIDED, bound, smirnovBound(logPlus, n));
        }
        // P+ <= exp(-2 n d^2) (Massart 1990), so the O(n) sum is needed only where it may be small.
        if (d >= 0.5 || -2.0 * n * d * d <= Math.log(HARRIS_SWITCH) + 1) {
            double logPlus = smirnovLogSf(d, n);
            if (d >= 0.5) {
                return Tail.ofLog(LN2 + logPlus, Algorithm.TWICE_ONE_SIDED, 0, smirnovBound(logPlus, n));
            }
            if (logPlus <= Math.log(HARRIS_SWITCH)) {
                return Tail.ofLog(LN2 + logPlus, Algorithm.TWICE_ONE_SIDED, Math.exp(logPlus) / 2,
                        smirnovBound(logPlus, n));
            }
        }
        return firstPassage(d, n);
    }

    private static void validate(double d, int n) {
        if (n < 1) {
            throw new InvalidInputException("n is not at least 1: " + n);
        }
        if (Double.isNaN(d)) {
            throw new InvalidInputException("d is NaN");
        }
    }

    /**
     * Rounding bound of the one-sided sum: n positive terms added (n u), each term's logarithm made of
     * parts no larger than |ln p| + n d &lt;= |ln p| + n plus O(ln n), each accurate to a few ulp.
     */
    private static double smirnovBound(double logP, int n) {
        return UNIT_ROUNDOFF * (n + 8 * (Math.abs(logP) + n + Math.log(n) + 10));
    }

    // ---------------------------------------------------------------- one-sided sum

    private static double smirnovLogSf(double d, int n) {
        double ndHi = n * d;
        double ndLo = Math.fma(n, d, -ndHi);
        double logNd = Math.log(ndHi) + ndLo / ndHi;
        int last = (int) Math.min(n - 1, Math.floor(n - ndHi));
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int j = 0; j <= last; j++) {
            double nq = ((n - j) - ndHi) - ndLo;
            if (!(nq > 0)) {
                break;
            }
            double term;
            if (j == 0) {
                term = n * Math.log1p(-d);
            } else {
                double np = (j + ndHi) + ndLo;
                double diff = -ndHi - ndLo;
                term = logBinomialProbability(j, n, np, nq, diff) + logNd - Math.log(np);
            }
            if (term > max) {
                sum = sum * Math.exp(max - term) + 1;
                max = term;
            } else {
                sum += Math.exp(term - max);
            }
        }
        return max + Math.log(sum);
    }

    // ---------------------------------------------------------------- two-sided exact recursion

    private static Tail firstPassage(double d, int n) {
        double ndHi = n * d;
        double ndLo = Math.fma(n, d, -ndHi);
        double floor = Math.floor(ndHi);
        double h = (ndHi - floor) + ndLo;
        if (h < 0) {
            floor -= 1;
            h += 1;
        } else if (h >= 1) {
            floor += 1;
            h -= 1;
        }
        long k0 = (long) floor;
        // Lower breakpoint a_i at position (i - 1 + k0) + h (in units of 1/n), constraint N >= i.
        // Upper breakpoint b_i at position i - k0 - h, constraint N <= i - 1.
        double upperFrac = h > 0 ? 1 - h : 0;
        long upperShift = h > 0 ? k0 + 1 : k0;
        long lower = 1;
        long upper = Math.max(1, upperFrac > 0 ? upperShift : upperShift + 1);
        double[] q = new double[n + 1];
        double[] next = new double[n + 1];
        q[0] = 1;
        int lo = 0;
        int hi = 0;
        long posInt = 0;
        double posFrac = 0;
        double leave = 0;
        double[] kernel = new double[KERNEL_MAX + 1 + 2 * KERNEL_PAD];
        double kernelLambda = Double.NaN;
        int kernelLength = 0;
        while (true) {
            boolean lowerValid = lower <= n && lower - 1 + k0 < n;
            boolean upperValid = upper <= n;
            long lowerInt = lower - 1 + k0;
            long upperInt = upper - upperShift;
            boolean takeLower;
            if (lowerValid && upperValid) {
                takeLower = lowerInt < upperInt || lowerInt == upperInt && h <= upperFrac;
            } else if (lowerValid || upperValid) {
                takeLower = lowerValid;
            } else {
                break;
            }
            long stepInt = takeLower ? lowerInt : upperInt;
            double stepFrac = takeLower ? h : upperFrac;
            double lambda = (stepInt - posInt) + (stepFrac - posFrac);
            if (lambda != kernelLambda) {
                kernelLength = poissonKernel(lambda, kernel);
                kernelLambda = lambda;
            }
            int top = convolve(q, next, lo, hi, kernel, kernelLength, n);
            double restInt = n - stepInt;
            if (takeLower) {
                int bound = (int) lower;
                for (int j = lo; j <= Math.min(bound - 1, top); j++) {
                    leave += next[j] * poissonProbability(n - j, restInt - stepFrac, (stepInt - j) + stepFrac);
                }
                lo = Math.max(lo, bound);
                lower++;
            }
            // States at or above the pending upper bound leave now: at this upper breakpoint, or for sure
            // at the next one (N never decreases), so the band never carries them.
            if (upper <= n) {
                int first = Math.max((int) upper, lo);
                if (first <= top) {
                    // P(N(1) - N(t) = c) for c = n - j falling: P(c - 1) = P(c) c / mu
                    double mu = restInt - stepFrac;
                    double rest = poissonProbability(n - first, mu, (stepInt - first) + stepFrac);
                    for (int j = first; j <= top && rest > 0; j++) {
                        leave += next[j] * rest;
                        rest *= (n - j) / mu;
                    }
                }
                top = Math.min(top, (int) upper - 1);
            }
            if (!takeLower) {
                upper++;
            }
            hi = top;
            posInt = stepInt;
            posFrac = stepFrac;
            double[] swap = q;
            q = next;
            next = swap;
            while (lo <= hi && !(q[lo] >= STATE_FLOOR)) {
                lo++;
            }
            while (hi >= lo && !(q[hi] >= STATE_FLOOR)) {
                hi--;
            }
            if (lo > hi) {
                break;
            }
        }
        double inside = 0;
        if (lo <= hi) {
            double lambda = (n - posInt) - posFrac;
            kernelLength = poissonKernel(lambda, kernel);
            for (int j = Math.max(lo, n - kernelLength + 1); j <= hi; j++) {
                inside += q[j] * kernel[KERNEL_PAD + n - j];
            }
        }
        double norm = poissonProbability(n, n, 0);
        double sf = leave / norm;
        double cdf = inside / norm;
        double defect = Math.abs(sf + cdf - 1);
        if (!(defect <= CHECK_TOLERANCE) || !(sf > 0)) {
            return Tail.failed(Algorithm.FIRST_PASSAGE, "P(D >= d) + P(D < d) = " + (sf + cdf)
                    + ", not 1 within " + CHECK_TOLERANCE + " (n = " + n + ", d = " + d + ")");
        }
        double bound = 2.0 * (n + 1) * (KERNEL_MAX + 4) * UNIT_ROUNDOFF;
        return Tail.ofLog(Math.log(sf), Algorithm.FIRST_PASSAGE, 0, bound);
    }

    /**
     * next[t] = sum_j q[j] kernel[t - j] over the band [lo, hi] of q, for t up to n, the terms added in
     * increasing j. Computed four states t at a time, each in its own register (a sum per state,
     * as a scatter over j would add them, so the values are the same bit for bit): the kernel sits
     * between {@value #KERNEL_PAD} zeros on either side ({@link #poissonKernel}), so the four sums
     * share one loop over j, and their products outside the kernel add exact zeros. Measured on a
     * grid of n up to 10,000: half the time of the scatter {@code next[j + k] += q[j] kernel[k]}, whose
     * every step stored to memory (eight states at a time gained nothing more).
     *
     * @return the largest index written
     */
    private static int convolve(double[] q, double[] next, int lo, int hi, double[] kernel, int length, int n) {
        int top = Math.min(hi + length - 1, n);
        int t = lo;
        for (; t + 3 <= top; t += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int last = Math.min(hi, t + 3);
            for (int j = Math.max(lo, t - length + 1); j <= last; j++) {
                double v = q[j];
                int k = KERNEL_PAD + t - j;
                s0 += v * kernel[k];
                s1 += v * kernel[k + 1];
                s2 += v * kernel[k + 2];
                s3 += v * kernel[k + 3];
            }
            next[t] = s0 < STATE_FLOOR ? 0 : s0;
            next[t + 1] = s1 < STATE_FLOOR ? 0 : s1;
            next[t + 2] = s2 < STATE_FLOOR ? 0 : s2;
            next[t + 3] = s3 < STATE_FLOOR ? 0 : s3;
        }
        for (; t <= top; t++) {
            double s = 0;
            int last = Math.min(hi, t);
            for (int j = Math.max(lo, t - length + 1); j <= last; j++) {
                s += q[j] * kernel[KERNEL_PAD + t - j];
            }
            next[t] = s < STATE_FLOOR ? 0 : s;
        }
        return top;
    }

    /**
     * Poisson(lambda) probabilities from k = 0 while at least {@link #KERNEL_FLOOR}, into
     * {@code kernel[KERNEL_PAD + k]}, followed by {@value #KERNEL_PAD} zeros (the
     * {@value #KERNEL_PAD} places before k = 0 stay zero); returns the count.
     */
    private static int poissonKernel(double lambda, double[] kernel) {
        double w = Math.exp(-lambda);
        kernel[KERNEL_PAD] = w;
        int k = 1;
        while (k <= KERNEL_MAX) {
            w *= lambda / k;
            if (!(w >= KERNEL_FLOOR)) {
                break;
            }
            kernel[KERNEL_PAD + k] = w;
            k++;
        }
        Arrays.fill(kernel, KERNEL_PAD + k, KERNEL_PAD + k + KERNEL_PAD, 0.0);
        return k;
    }

    // ---------------------------------------------------------------- Pelz-Good (n > EXACT_MAX_N)

    /**
     * The Pelz–Good expansion of \(P(\sqrt{n} D_n \ge z)\) to \(O(n^{-3/2})\): Kolmogorov's upper tail
     * minus the corrections \(K_1/\sqrt n + K_2/n + K_3/n^{3/2}\) of the CDF (Simard &amp; L'Ecuyer 2011, eq. 6).
     */
    static double pelzGoodSf(double d, int n) {
        double z = Math.sqrt(n) * d;
        double z2 = z * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double pi2 = Math.PI * Math.PI;
        double pi4 = pi2 * pi2;
        double pi6 = pi4 * pi2;
        double q = Math.exp(-pi2 / (8 * z2));
        double k1a = -z2;
        double k1b = pi2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * pi2 / 4;
        double k2c = pi4 * (1 - 2 * z2) / 16;
        double k3d = pi6 * (5 - 30 * z2) / 64;
        double k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = pi2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * z6 * z2;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int maxk = (int) Math.ceil(16 * z / Math.PI) + 1;
        for (int k = maxk; k >= 1; k--) {
            double m = 2 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8.0 * k);
            s1 = s1 * qpower + (k1a + k1b * m2);
            s2 = s2 * qpower + (k2a + k2b * m2 + k2c * m4);
            s3 = s3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        double root2pi = Math.sqrt(2 * Math.PI);
        double k1 = s1 * q * root2pi / (6 * z4);
        double k2 = s2 * q * root2pi / (72 * z6 * z);
        double k3 = s3 * q * root2pi / (6480 * z6 * z4);
        double qq = Math.exp(-pi2 / (2 * z2));
        double e2 = 0;
        double e3 = 0;
        double sqrt3z = Math.sqrt(3) * z;
        for (int k = maxk; k >= 1; k--) {
            double kk = (double) k * k;
            double qp = Math.pow(qq, kk);
            e2 += kk * qp;
            double kpi = Math.PI * k;
            e3 += (sqrt3z + kpi) * (sqrt3z - kpi) * kk * qp;
        }
        k2 += e2 * pi2 * root2pi / (-36 * z2 * z);
        k3 += e3 * pi2 * root2pi / (216 * z6);
        double correction = k1 / Math.sqrt(n) + k2 / n + k3 / (n * Math.sqrt(n));
        return kolmogorovSf(z) - correction;
    }

    /** Kolmogorov's limiting upper tail \(P(K \ge z)\), as the alternating series for z at least 0.2. */
    private static double kolmogorovSf(double z) {
        if (z < 0.2) {
            double w = -Math.PI * Math.PI / (8 * z * z);
            double cdf = 0;
            for (int k = 1; k <= 3; k++) {
                double m = 2 * k - 1;
                cdf += Math.exp(w * m * m);
            }
            return 1 - Math.sqrt(2 * Math.PI) / z * cdf;
        }
        double sum = 0;
        for (int k = 200; k >= 1; k--) {
            double term = 2 * Math.exp(-2.0 * k * k * z * z);
            sum = (k % 2 == 1 ? term : -term) + sum;
        }
        return sum;
    }

    // ---------------------------------------------------------------- Loader's saddle-point terms

    /** \(\ln P(N = c)\) for N ~ Poisson(mu), with diff = c - mu supplied exactly. */
    private static double logPoissonProbability(double c, double mu, double diff) {
        if (c == 0) {
            return -mu;
        }
        return -stirlerr(c) - bd0(c, mu, diff) - HALF_LOG_TWO_PI - 0.5 * Math.log(c);
    }

    private static double poissonProbability(double c, double mu, double diff) {
        if (c < 0) {
            return 0;
        }
        return Math.exp(logPoissonProbability(c, mu, diff));
    }

    /** \(\ln b(x; n, p)\) with np and nq = n(1 - p) supplied, and diff = x - np, for 0 &lt; x &lt; n. */
    private static double logBinomialProbability(int x, int n, double np, double nq, double diff) {
        double y = n - x;
        return stirlerr(n) - stirlerr(x) - stirlerr(y) - bd0(x, np, diff) - bd0(y, nq, -diff)
                - HALF_LOG_TWO_PI + 0.5 * (Math.log(n) - Math.log(x) - Math.log(y));
    }

    /** \(\ln k! - (k + 1/2)\ln k + k - \ln\sqrt{2\pi}\) for integer k at least 1 (Loader 2000). */
    private static double stirlerr(double k) {
        if (k <= 15) {
            return STIRLERR[(int) k];
        }
        double s0 = 1.0 / 12;
        double s1 = 1.0 / 360;
        double s2 = 1.0 / 1260;
        double s3 = 1.0 / 1680;
        double s4 = 1.0 / 1188;
        double kk = k * k;
        if (k > 500) {
            return (s0 - s1 / kk) / k;
        }
        if (k > 80) {
            return (s0 - (s1 - s2 / kk) / kk) / k;
        }
        if (k > 35) {
            return (s0 - (s1 - (s2 - s3 / kk) / kk) / kk) / k;
        }
        return (s0 - (s1 - (s2 - (s3 - s4 / kk) / kk) / kk) / kk) / k;
    }

    /**
     * The deviance term \(x \ln(x/m) + m - x\) with diff = x - m supplied exactly (Loader 2000): a
     * series in \(v = (x - m)/(x + m)\) when \(|x - m| &lt; 0.1 (x + m)\).
     */
    private static double bd0(double x, double m, double diff) {
        double sum = x + m;
        if (Math.abs(diff) < 0.1 * sum) {
            double v = diff / sum;
            double s = diff * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                double s1 = s + ej / (2 * j + 1);
                if (s1 == s) {
                    return s1;
                }
                s = s1;
            }
            return s;
        }
        return x * Math.log1p(diff / m) - diff;
    }
}
