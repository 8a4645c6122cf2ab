package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Two-sided Kolmogorov–Smirnov tests, computed by Commons Statistics'
 * {@link KolmogorovSmirnovTest} with its defaults (not commons-math3's, which differs from scipy).
 *
 * <p><b>One sample.</b> \(D_n = \sup_x |F_n(x) - F(x)|\), where \(F_n\) is the empirical CDF of the
 * \(n\) values and \(F\) the reference CDF. The p-value \(P(D_n \ge d)\) is computed as in Simard &amp;
 * L'Ecuyer (2011), the same scheme as {@code scipy.stats.kstwo.sf} (which {@code scipy.stats.kstest}
 * uses by default): closed forms near the ends of the range; for \(n \le 140\) the Durbin matrix
 * (Marsaglia–Tsang–Wang 2003) when \(nd^2 &lt; 0.754693\), Pomeranz's recursion when \(nd^2 &lt; 4\),
 * and Miller's \(2 P(D_n^+ \ge d)\) beyond (about 10 significant digits in all); for \(n &gt; 140\)
 * Miller's approximation when \(nd^2 \ge 2.2\), the Durbin matrix when \(n \le 100000\) and
 * \(n d^{3/2} &lt; 1.4\), and otherwise the Pelz–Good asymptotic series (5 to 6 significant digits).
 * {@link PValueMethod#EXACT} is reported where an exact algorithm (closed form, Durbin matrix,
 * Pomeranz) ran, or Miller's approximation with \(n \le 140\), whose error is below the 10th digit;
 * {@link PValueMethod#ASYMPTOTIC} where, for \(n &gt; 140\), Miller's approximation or the Pelz–Good
 * series ran. Commons Statistics itself never switches the one-sample two-sided test to Kolmogorov's
 * limiting distribution by default.
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
 * <li>Marsaglia, G., Tsang, W. W. &amp; Wang, J. (2003). Evaluating Kolmogorov's distribution.
 * <i>Journal of Statistical Software</i> 8(18), doi:10.18637/jss.v008.i18.
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
    /** Commons Statistics 1.2 / Simard–L'Ecuyer: the small-n limit of the one-sample scheme. */
    private static final int SMALL_N = 140;
    /** Commons Statistics 1.2 / Simard–L'Ecuyer: the large-n limit of the Durbin matrix. */
    private static final int DURBIN_MAX_N = 100000;
    /** Commons Statistics 1.2: the one-sided one-sample p-value is exact up to this size. */
    private static final int ONE_SIDED_EXACT_MAX_N = 1000000;

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
        MomentTests.checkSample(x, 2);
        Objects.requireNonNull(cdf, "cdf");
        KolmogorovSmirnovTest.OneResult r = TEST.test(x, cdf);
        return TestResult.of("ks", r.getStatistic(), r.getPValue(), oneSampleMethod(r.getStatistic(), x.length));
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
     * p-value method. Two-sided: {@link PValueChoice#AUTO} is {@link #oneSample(double[], DoubleUnaryOperator)};
     * {@link PValueChoice#EXACT} forces the scheme described in the class documentation;
     * {@link PValueChoice#ASYMPTOTIC} uses Kolmogorov's limiting distribution of \(\sqrt{n} D_n\). One-sided
     * (\(D_n^+\) or \(D_n^-\)): the exact Smirnov / Smirnov–Dwass computation of Commons Statistics
     * ({@link PValueMethod#EXACT}) up to n = 1,000,000, its asymptotic formula beyond; there is no
     * other choice, so a one-sided test refuses {@link PValueChoice#ASYMPTOTIC}.
     *
     * @param x the sample, at least 2 finite values
     * @param cdf the reference CDF
     * @param alternative the alternative hypothesis
     * @param choice the p-value method
     * @return a result named {@code "ks"}
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
        KolmogorovSmirnovTest.OneResult r = TEST.with(hypothesis(alternative)).with(commons(choice)).test(x, cdf);
        PValueMethod method;
        if (alternative != Alternative.TWO_SIDED) {
            method = x.length > ONE_SIDED_EXACT_MAX_N ? PValueMethod.ASYMPTOTIC : PValueMethod.EXACT;
        } else if (choice == PValueChoice.AUTO) {
            method = oneSampleMethod(r.getStatistic(), x.length);
        } else {
            method = choice == PValueChoice.EXACT ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC;
        }
        return TestResult.of("ks", r.getStatistic(), r.getPValue(), method);
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

    /**
     * Which algorithm Commons Statistics 1.2 uses for \(P(D_n \ge d)\), mapped to a method label as
     * described in the class documentation.
     *
     * @param d the statistic
     * @param n the sample size
     * @return {@link PValueMethod#ASYMPTOTIC} where Miller's approximation with \(n &gt; 140\) or the
     *     Pelz–Good series ran, else {@link PValueMethod#EXACT}
     */
    static PValueMethod oneSampleMethod(double d, int n) {
        double nx = n * d;
        boolean closedForm = n * d * d >= 370 || d >= 1 || nx <= 1 || nx >= n - 1;
        if (closedForm || n <= SMALL_N) {
            return PValueMethod.EXACT;
        }
        boolean durbin = n * d * d < 2.2 && n <= DURBIN_MAX_N && n * Math.pow(d, 1.5) < 1.4;
        return durbin ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC;
    }
}
