package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Natural logarithms of the tail probabilities that tests use as p-values (normal, Student's t, χ², binomial), computed so that they stay finite
 * (and keep their relative accuracy) where the probability itself underflows to 0. Each is the logarithm of
 * Commons Statistics' value where that is at least {@value #DIRECT_BELOW}, and is computed in log space
 * below. Accuracy, measured against mpmath at 40 digits ({@code fixtures/reference/tails_log.csv}): relative
 * error of the logarithm below 1e-12.
 */
public final class LogTails {
    /** Below this probability the logarithm is computed in log space rather than from the probability. */
    static final double DIRECT_BELOW = 1e-250;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double LN_2 = Math.log(2);
    private static final int MAX_FRACTION_TERMS = 100_000;
    private static final double FRACTION_TOLERANCE = 1e-16;

    private LogTails() {
    }

    /**
     * @param z a standard normal statistic
     * @return \(\ln(2\overline{\Phi}(|z|)) = \ln\operatorname{erfc}(|z|/\sqrt{2})\), from
     *     \(\ln\operatorname{erfcx}(t) - t^2\) in the far tail; 0 at \(z = 0\)
     */
    public static double normalTwoSided(double z) {
        double t = Math.abs(z) * SQRT_HALF;
        if (t < 1) {
            return Math.log(Erfc.value(t));
        }
        return Math.log(Erfcx.value(t)) - t * t;
    }

    /**
     * @param x a standard normal statistic
     * @return \(\ln \overline{\Phi}(x)\), the log upper tail
     */
    public static double normalUpper(double x) {
        return x > 0 ? normalTwoSided(x) - LN_2 : Math.log1p(-0.5 * Erfc.value(-x * SQRT_HALF));
    }

    /**
     * The upper tail of \(\chi^2_k\): \(Q(k/2, x/2)\), the regularized upper incomplete gamma function. In log
     * space by Legendre's continued fraction
     * \(\Gamma(a, y) = e^{-y} y^a / (y + 1 - a - \frac{1 (1 - a)}{y + 3 - a - \frac{2 (2 - a)}{y + 5 - a - \dots}})\)
     * (evaluated by the modified Lentz method), which converges for \(y &gt; a\), the case wherever the tail
     * underflows.
     *
     * @param df the degrees of freedom, at least 1
     * @param x the statistic
     * @return \(\ln P(\chi^2_{df} \ge x)\)
     */
    public static double chiSquareSurvival(double df, double x) {
        double q = ChiSquaredDistribution.of(df).survivalProbability(x);
        if (q >= DIRECT_BELOW) {
            return Math.log(q);
        }
        double a = df / 2;
        double y = x / 2;
        return -y + a * Math.log(y) - LogGamma.value(a) - Math.log(legendreFraction(a, y));
    }

    /** @return the denominator of Legendre's continued fraction for \(\Gamma(a, y)\), by modified Lentz */
    private static double legendreFraction(double a, double y) {
        double tiny = 1e-300;
        double b = y + 1 - a;
        double f = b;
        double c = b;
        double d = 0;
        for (int i = 1; i <= MAX_FRACTION_TERMS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = b + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < FRACTION_TOLERANCE) {
                return f;
            }
        }
        throw new ArithmeticException("continued fraction of the chi-square tail did not converge: a=" + a + ", y=" + y);
    }

    /**
     * The two-sided tail of Student's t: \(P(|T_\nu| \ge |t|) = I_x(\nu/2, 1/2)\) with \(x = \nu/(\nu + t^2)\),
     * the regularized incomplete beta function. In log space by its series
     * \(I_x(a, b) = \frac{x^a (1 - x)^b}{a B(a, b)} \sum_{k \ge 0} \frac{(a + b)_k}{(a + 1)_k} x^k\), which converges
     * geometrically for the small x at which the tail underflows.
     *
     * @param t the statistic
     * @param df the degrees of freedom, strictly positive
     * @return \(\ln P(|T_{df}| \ge |t|)\)
     */
    public static double studentTwoSided(double t, double df) {
        double p = Math.min(1, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
        if (p >= DIRECT_BELOW) {
            return Math.log(p);
        }
        double a = df / 2;
        double b = 0.5;
        double x = df / (df + t * t);
        double sum = 1;
        double term = 1;
        for (int k = 0; k < MAX_FRACTION_TERMS && term > FRACTION_TOLERANCE * sum; k++) {
            term *= (a + b + k) / (a + 1 + k) * x;
            sum += term;
        }
        return a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - LogBeta.value(a, b) + Math.log(sum);
    }

    /**
     * The lower tail of a binomial distribution, \(\ln P(X \le k)\) for \(X \sim \mathrm{Bin}(N, p)\), in
     * log space by summing \(\ln P(X = i)\) for \(i \le k\) with the log-sum-exp rule.
     *
     * @param trials N, at least 0
     * @param k the observed count
     * @param probability p, in [0, 1]
     * @return \(\ln P(X \le k)\)
     * @throws InvalidInputException if an argument is out of range
     */
    public static double binomialCdf(int trials, int k, double probability) {
        if (trials < 0 || !(probability >= 0 && probability <= 1)) {
            throw new InvalidInputException("binomial trials must be at least 0 and probability in [0, 1]: "
                    + trials + ", " + probability);
        }
        BinomialDistribution binomial = BinomialDistribution.of(trials, probability);
        double p = binomial.cumulativeProbability(k);
        if (p >= DIRECT_BELOW || k < 0) {
            return Math.log(p);
        }
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            high = Math.max(high, binomial.logProbability(i));
        }
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(binomial.logProbability(i) - high);
        }
        return high + Math.log(sum);
    }

    /**
     * @param logP the natural logarithm of a one-sided p-value
     * @return the logarithm of the two-sided p-value \(\min(1, 2p)\)
     */
    static double twoSided(double logP) {
        return Math.min(0, logP + LN_2);
    }
}
