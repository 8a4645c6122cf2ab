package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Power of the two-sided χ² test of the variance under a Gaussian reference
 * ({@link io.github.latentcheck.stats.MomentTests#variance}: \(T = (n-1)s^2/\sigma^2\), rejected when
 * \(T &lt; q_{\alpha/2}\) or \(T &gt; q_{1-\alpha/2}\), the quantiles of \(\chi^2_{n-1}\)) against Gaussian data
 * whose variance is \(\rho = 1 + \varepsilon\) times the reference's. Then \(T/\rho \sim \chi^2_{n-1}\) exactly,
 * so
 * \[ \pi(\varepsilon) = F_{n-1}(q_{\alpha/2}/\rho) + 1 - F_{n-1}(q_{1-\alpha/2}/\rho), \]
 * with \(F_{n-1}\) the \(\chi^2_{n-1}\) CDF. The effect is the variance inflation \(\varepsilon &gt; 0\) (a
 * ratio of 1.1 is \(\varepsilon = 0.1\)); the detectable effect and the required sample size invert the
 * power by bisection.
 *
 * <p>Reference: Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed.,
 * chapter 3 (tests of a normal variance). Springer,
 * doi:10.1007/0-387-27605-X.
 */
public final class VarianceTestPower implements PowerModel {
    private static final VarianceTestPower INSTANCE = new VarianceTestPower();

    private VarianceTestPower() {
    }

    /** @return the model (it has no options) */
    public static VarianceTestPower of() {
        return INSTANCE;
    }

    @Override
    public String unit() {
        return "variance inflation (ratio - 1)";
    }

    @Override
    public double power(int n, double alpha, double effect) {
        MeanTestPower.checkLevel(alpha);
        if (n < 2) {
            throw new InvalidInputException("n is not at least 2: " + n);
        }
        if (!(effect > -1) || !Double.isFinite(effect)) {
            throw new InvalidInputException("variance inflation is not above -1 and finite: " + effect);
        }
        ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(n - 1.0);
        double ratio = 1 + effect;
        return chi2.cumulativeProbability(chi2.inverseCumulativeProbability(alpha / 2) / ratio)
                + chi2.survivalProbability(chi2.inverseSurvivalProbability(alpha / 2) / ratio);
    }

    @Override
    public double detectableEffect(int n, double alpha, double power) {
        MeanTestPower.checkPower(power);
        double lo = 0;
        double hi = 1;
        while (power(n, alpha, hi) < power) {
            hi *= 2;
            if (hi > 1e12) {
                throw new InvalidInputException("no variance inflation below 1e12 reaches power " + power
                        + " with n = " + n + " at level " + alpha);
            }
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (power(n, alpha, mid) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    @Override
    public long requiredSamples(double alpha, double effect, double power) {
        MeanTestPower.checkPower(power);
        MeanTestPower.checkEffect(effect);
        long lo = 1;
        long hi = 2;
        while (power((int) hi, alpha, effect) < power) {
            lo = hi;
            hi *= 2;
            if (hi > Integer.MAX_VALUE) {
                throw new InvalidInputException("variance inflation " + effect + " needs more than "
                        + Integer.MAX_VALUE + " samples for power " + power + " at level " + alpha);
            }
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (power((int) mid, alpha, effect) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}
