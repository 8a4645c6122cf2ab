package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Power of the two-sided z-test of the mean ({@link io.github.latentcheck.stats.MomentTests#mean}) against
 * a shift of the mean by \(\theta\) standard deviations:
 * \[ \pi(\theta) = \Phi(\theta\sqrt{n} - z_{1-\alpha/2}) + \Phi(-\theta\sqrt{n} - z_{1-\alpha/2}), \]
 * exact when the data are Gaussian with the reference variance (then \(z \sim N(\theta\sqrt{n}, 1)\)),
 * and by the central limit theorem otherwise. The detectable effect and the required sample size invert
 * it by bisection (it increases in \(\theta \ge 0\) and in \(n\)).
 *
 * <p>References:
 * <ol>
 * <li>Cohen, J. (1988). <i>Statistical Power Analysis for the Behavioral Sciences</i>, 2nd ed., chapter 2.
 * Lawrence Erlbaum, doi:10.4324/9780203771587.
 * <li>Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed., chapter 3.
 * Springer, doi:10.1007/0-387-27605-X.
 * </ol>
 */
public final class MeanTestPower implements PowerModel {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final MeanTestPower INSTANCE = new MeanTestPower();

    private MeanTestPower() {
    }

    /** @return the model (it has no options) */
    public static MeanTestPower of() {
        return INSTANCE;
    }

    @Override
    public String unit() {
        return "mean shift (in sd)";
    }

    @Override
    public double power(int n, double alpha, double effect) {
        checkLevel(alpha);
        checkN(n);
        double z = STANDARD.inverseSurvivalProbability(alpha / 2);
        double shift = Math.abs(effect) * Math.sqrt(n);
        return STANDARD.cumulativeProbability(shift - z) + STANDARD.cumulativeProbability(-shift - z);
    }

    @Override
    public double detectableEffect(int n, double alpha, double power) {
        checkLevel(alpha);
        checkPower(power);
        checkN(n);
        if (power(n, alpha, 0) >= power) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (power(n, alpha, hi) < power) {
            hi *= 2;
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
        checkLevel(alpha);
        checkPower(power);
        checkEffect(effect);
        long lo = 1;
        long hi = 2;
        while (powerAt(hi, alpha, effect) < power) {
            lo = hi;
            hi *= 2;
            if (hi > Integer.MAX_VALUE) {
                throw new InvalidInputException("effect " + effect + " needs more than " + Integer.MAX_VALUE
                        + " samples for power " + power + " at level " + alpha);
            }
        }
        if (powerAt(lo, alpha, effect) >= power) {
            return lo;
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (powerAt(mid, alpha, effect) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private double powerAt(long n, double alpha, double effect) {
        return power((int) n, alpha, effect);
    }

    static void checkLevel(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException("alpha is not in (0, 1): " + alpha);
        }
    }

    static void checkPower(double power) {
        if (!(power > 0 && power < 1)) {
            throw new InvalidInputException("power is not in (0, 1): " + power);
        }
    }

    static void checkEffect(double effect) {
        if (!(effect > 0) || !Double.isFinite(effect)) {
            throw new InvalidInputException("effect is not strictly positive and finite: " + effect);
        }
    }

    static void checkN(int n) {
        if (n < 1) {
            throw new InvalidInputException("n is not at least 1: " + n);
        }
    }
}
