package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Kolmogorov–Smirnov tests. One sample: p-values from our {@link KolmogorovDistribution}; two samples:
 * Commons Statistics' {@link KolmogorovSmirnovTest} with its defaults (not commons-math3's, which
 * differs from scipy).
 *
 * <p><b>One sample.</b> \(D_n = \sup_x |F_n(x) - F(x)|\), where \(F_n\) is the empirical CDF of the
 * \(n\) values and \(F\) the reference CDF (one-sided: \(D_n^+ = \sup_x (F_n - F)\),
 * \(D_n^- = \sup_x (F - F_n)\)), Commons Statistics' definition computed after an O(n) counting sort
 * of the CDF values. The p-value
 * \(P(D_n \ge d)\) comes from {@link KolmogorovDistribution}, which computes upper tails directly and
 * also returns \(\ln p\) ({@link TestResult#logPValue()}, finite where \(p\) underflows to 0):
 * exact (relative error at most 1e-10) for \(n \le 10000\) by a first-passage recursion or
 * \(2P(D_n^+ \ge d)\) within Harris' bound; beyond, the Pelz–Good series or \(2P(D_n^+ \ge d)\)
 * with a stated bound of 1e-7. We wrote our own because Commons Statistics 1.2 and scipy 1.17 are
 * exact only to \(n = 140\) (Pelz–Good and Miller beyond, relative errors up to 3.8e-6 measured) and return 0
 * below the double range. {@link PValueMethod#EXACT} is reported when the algorithm is exact up to
 * rounding or within 1e-10, {@link PValueMethod#ASYMPTOTIC} otherwise, and {@link PValueMethod#UNAVAILABLE} (p-value
 * NaN) if the recursion's self-check ever fails. One-sided tails use the exact
 * Smirnov–Birnbaum–Tingey sum for every \(n\).
 *
 * <p><b>Two samples.</b> \(D_{n,m} = \sup_x |F_n(x) - G_m(x)|\). When \(\max(n, m) &lt; 10000\) the
 * p-value \(P(D_{n,m} \ge d)\) is exact (Hodges 1958; Viehmann 2021's stabilised recursion), unless
 * \(\mathrm{lcm}(n, m) &gt; 2^{31}\), which cannot happen below that size; otherwise it is Smirnov's
 * asymptotic \(P(D_{N} \ge d)\) of the one-sample distribution with
 * \(N = \operatorname{round}(nm/(n+m))\), as scipy's {@code ks_2samp(method='asymp')}. scipy's
 * {@code method='auto'} switches at \(\max(n, m) &gt; 10000\), so exactly at 10000 the two differ.
 * Ties between the samples are reported by {@link KolmogorovSmirnovTwoSampleResult#hasSignificantTies()}.
 *
 * <p>References:
 * <ol>
 * <li>See {@link KolmogorovDistribution} for the one-sample references.
 * <li>Simard, R. &amp; L'Ecuyer, P. (2011). Computing the two-sided Kolmogorov–Smirnov distribution.
 * <i>Journal of Statistical Software</i> 39(11), doi:10.18637/jss.v039.i11.
 * <li>Hodges, J. L. (1958). The significance probability of the Smirnov two-sample test.
 * <i>Arkiv för Matematik</i> 3(5), 469–486, doi:10.1007/BF02589501.
 * <li>Viehmann, T. (2021). Numerically more stable computation of the p-values for the two-sample
 * Kolmogorov–Smirnov test. arXiv:2102.08037.
 * </ol>
 */
public final class KolmogorovSmirnov {
    /** Commons Statistics 1.2: the two-sample test is exact below this size. */
    static final int TWO_SAMPLE_EXACT_LIMIT = 10000;

    private static final KolmogorovSmirnovTest TEST = KolmogorovSmirnovTest.withDefaults();

    private KolmogorovSmirnov() {
    }

    /**
     * Two-sided one-sample test of {@code x} against the continuous CDF {@code cdf}.
     *
     * @param x the sample, at least 2 finite values
     * @param cdf the reference CDF, returning values in [0, 1]
     * @return a result named {@code "ks"} with statistic \(D_n\)
     * @throws io.github.latentcheck.InvalidInputException if {@code x} is too short or holds a
     *     non-finite value
     */
    public static TestResult oneSample(double[] x, DoubleUnaryOperator cdf) {
        return oneSample(x, cdf, Alternative.TWO_SIDED, PValueChoice.AUTO);
    }

    /**
     * Two-sided two-sample test of {@code x} against {@code y}.
     *
     * @param x the first sample, at least 2 finite values
     * @param y the second sample, at least 2 finite values
     * @return a result named {@code "ks2"} with statistic \(D_{n,m}\) and the tie flag
     * @throws io.github.latentcheck.InvalidInputException if a sample is too short or holds a
     *     non-finite value
     */
    public static KolmogorovSmirnovTwoSampleResult twoSample(double[] x, double[] y) {
        MomentTests.checkSample(x, 2);
        MomentTests.checkSample(y, 2);
        KolmogorovSmirnovTest.TwoResult r = TEST.test(x, y);
        PValueMethod method = Math.max(x.length, y.length) < TWO_SAMPLE_EXACT_LIMIT
                ? PValueMethod.EXACT
                : PValueMethod.ASYMPTOTIC;
        return KolmogorovSmirnovTwoSampleResult.of(
                TestResult.of("ks2", r.getStatistic(), r.getPValue(), method), r.hasSignificantTies());
    }

    /**
     * One-sample test of {@code x} against the continuous CDF {@code cdf} with a chosen alternative and
     * p-value method. Two-sided: {@link PValueChoice#AUTO} is {@link #oneSample(double[], DoubleUnaryOperator)}
     * ({@link KolmogorovDistribution#twoSided}); {@link PValueChoice#EXACT} uses the exact algorithms
     * whatever n ({@link KolmogorovDistribution#twoSidedExact}, slow beyond n = 10,000);
     * {@link PValueChoice#ASYMPTOTIC} uses Kolmogorov's limiting distribution of \(\sqrt{n} D_n\)
     * (Commons Statistics). One-sided (\(D_n^+\) or \(D_n^-\)): the exact Smirnov–Birnbaum–Tingey sum
     * ({@link KolmogorovDistribution#oneSided}) for every n; there is no other choice, so a one-sided
     * test refuses {@link PValueChoice#ASYMPTOTIC}.
     *
     * @param x the sample, at least 2 finite values
     * @param cdf the reference CDF
     * @param alternative the alternative hypothesis
     * @param choice the p-value method
     * @return a result named {@code "ks"}, with {@link TestResult#logPValue()} computed directly
     * @throws io.github.latentcheck.InvalidInputException if an input breaks a rule
     */
    public static TestResult oneSample(double[] x, DoubleUnaryOperator cdf, Alternative alternative,
            PValueChoice choice) {
        MomentTests.checkSample(x, 2);
        Objects.requireNonNull(cdf, "cdf");
        Objects.requireNonNull(alternative, "alternative");
        Objects.requireNonNull(choice, "choice");
        if (alternative != Alternative.TWO_SIDED && choice == PValueChoice.ASYMPTOTIC) {
            throw new InvalidInputException(
                    "the one-sided one-sample KS test has only the exact method");
        }
        if (choice == PValueChoice.ASYMPTOTIC) {
            KolmogorovSmirnovTest.OneResult r = TEST.with(commons(choice)).test(x, cdf);
            return TestResult.of("ks", r.getStatistic(), r.getPValue(), PValueMethod.ASYMPTOTIC);
        }
        double d = statistic(x, cdf, alternative);
        KolmogorovDistribution.Tail tail;
        if (alternative != Alternative.TWO_SIDED) {
            tail = KolmogorovDistribution.oneSided(d, x.length);
        } else if (choice == PValueChoice.EXACT) {
            tail = KolmogorovDistribution.twoSidedExact(d, x.length);
        } else {
            tail = KolmogorovDistribution.twoSided(d, x.length);
        }
        return result(d, tail);
    }

    /**
     * The one-sample statistic as Commons Statistics' {@code KolmogorovSmirnovTest.statistic(x, cdf)}
     * defines it, \(D_n^+ = \max_i (i/n - u_{(i)})\) and \(D_n^- = \max_i (u_{(i)} - (i-1)/n)\) over the
     * sorted CDF values \(u_i = F(x_i)\) (in the order of the \(x_i\), F being non-decreasing), which
     * are ordered by a counting sort into n buckets of width 1/n (a comparison sort only inside a bucket
     * holding several values): O(n) expected, where sorting the doubles dominated the test on 10^6 values.
     *
     * @param x the sample
     * @param cdf the reference CDF
     * @param alternative which statistic: \(D_n\), \(D_n^+\) ({@link Alternative#GREATER}) or
     *     \(D_n^-\) ({@link Alternative#LESS})
     * @return the statistic
     * @throws InvalidInputException if a CDF value is not in [0, 1]
     */
    static double statistic(double[] x, DoubleUnaryOperator cdf, Alternative alternative) {
        int n = x.length;
        double[] u = new double[n];
        int[] bucket = new int[n];
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            double v = cdf.applyAsDouble(x[i]);
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidInputException("cdf value is not in [0, 1]: cdf(x[" + i + "] = " + x[i] + ") = " + v);
            }
            int b = Math.min((int) (v * n), n - 1);
            u[i] = v;
            bucket[i] = b;
            start[b + 1]++;
        }
        for (int b = 0; b < n; b++) {
            start[b + 1] += start[b];
        }
        int[] next = Arrays.copyOf(start, n);
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[next[bucket[i]]++] = u[i];
        }
        double plus = 0;
        double minus = 0;
        for (int b = 0; b < n; b++) {
            if (start[b + 1] - start[b] > 1) {
                Arrays.sort(sorted, start[b], start[b + 1]);
            }
        }
        for (int i = 0; i < n; i++) {
            plus = Math.max(plus, (double) (i + 1) / n - sorted[i]);
            minus = Math.max(minus, sorted[i] - (double) i / n);
        }
        return switch (alternative) {
            case TWO_SIDED -> Math.max(plus, minus);
            case GREATER -> plus;
            case LESS -> minus;
        };
    }

    /**
     * @param d the statistic
     * @param tail its upper tail
     * @return the result: {@link PValueMethod#EXACT} when the tail is exact up to rounding or within
     *     1e-10 ({@link KolmogorovDistribution.Tail#exact()}), {@link PValueMethod#ASYMPTOTIC}
     *     otherwise, {@link PValueMethod#UNAVAILABLE} when the algorithm could not deliver
     */
    static TestResult result(double d, KolmogorovDistribution.Tail tail) {
        if (!tail.delivered()) {
            return TestResult.ofLog("ks", d, Double.NaN, PValueMethod.UNAVAILABLE);
        }
        return TestResult.ofLog("ks", d, tail.logP(), tail.exact() ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC);
    }

    /**
     * Two-sample test with a chosen alternative and p-value method: {@link PValueChoice#AUTO} is exact
     * when \(\max(n, m) &lt; 10000\) (as {@link #twoSample(double[], double[])}), {@link PValueChoice#EXACT}
     * always exact (slow for large samples), {@link PValueChoice#ASYMPTOTIC} Smirnov's limit.
     *
     * @param x the first sample, at least 2 finite values
     * @param y the second sample, at least 2 finite values
     * @param alternative the alternative hypothesis
     * @param choice the p-value method
     * @return a result named {@code "ks2"}
     * @throws io.github.latentcheck.InvalidInputException if an input breaks a rule
     */
    public static TestResult twoSample(double[] x, double[] y, Alternative alternative, PValueChoice choice) {
        MomentTests.checkSample(x, 2);
        MomentTests.checkSample(y, 2);
        Objects.requireNonNull(alternative, "alternative");
        Objects.requireNonNull(choice, "choice");
        KolmogorovSmirnovTest.TwoResult r = TEST.with(hypothesis(alternative)).with(commons(choice)).test(x, y);
        boolean exact = choice == PValueChoice.EXACT
                || choice == PValueChoice.AUTO && Math.max(x.length, y.length) < TWO_SAMPLE_EXACT_LIMIT;
        return TestResult.of("ks2", r.getStatistic(), r.getPValue(), exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC);
    }

    private static AlternativeHypothesis hypothesis(Alternative alternative) {
        return switch (alternative) {
            case TWO_SIDED -> AlternativeHypothesis.TWO_SIDED;
            case LESS -> AlternativeHypothesis.LESS_THAN;
            case GREATER -> AlternativeHypothesis.GREATER_THAN;
        };
    }

    private static org.apache.commons.statistics.inference.PValueMethod commons(PValueChoice choice) {
        return switch (choice) {
            case AUTO -> org.apache.commons.statistics.inference.PValueMethod.AUTO;
            case EXACT -> org.apache.commons.statistics.inference.PValueMethod.EXACT;
            case ASYMPTOTIC -> org.apache.commons.statistics.inference.PValueMethod.ASYMPTOTIC;
        };
    }
}
