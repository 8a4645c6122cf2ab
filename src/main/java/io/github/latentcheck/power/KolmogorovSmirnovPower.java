package io.github.latentcheck.power;

import io.github.latentcheck.stats.KolmogorovDistribution;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Power of the two-sided one-sample Kolmogorov–Smirnov test ({@link KolmogorovSmirnov#oneSample}) at
 * level \(\alpha\) against the location shift in normal scores, effect a KS distance, by the seeded
 * simulation of {@link NormalShiftPower} (which states the alternative, the simulation, the rescaling above
 * {@value #SIMULATED_N_LIMIT} and the two-sample approximation).
 *
 * <p><b>The thresholds.</b> The rejection region is \(D_n \ge c\), where the critical value \(c\) is the
 * root of the p-value that {@link KolmogorovSmirnov#oneSample} itself uses ({@link KolmogorovDistribution#twoSided},
 * see {@link #criticalValue}), so it follows that engine. A replicate with sorted scores \(z_{(i)}\) shifted by
 * \(\theta\) rejects exactly when
 * \[ \theta > \theta^+_r = \min_i \bigl(\Phi^{-1}(\tfrac{i-1}{n} + c) - z_{(i)}\bigr) \quad\text{or}\quad
 *    \theta &lt; \theta^-_r = \max_i \bigl(\Phi^{-1}(\tfrac{i}{n} - c) - z_{(i)}\bigr), \]
 * because \(D_n^-\) increases and \(D_n^+\) decreases with \(\theta\): closed form, \(O(n)\) per replicate.
 * The Monte-Carlo standard error of the power is about 0.013 at \(p = 0.8\) with the default \(R = 1000\),
 * chosen to keep a check's {@code detectableEffect} to about 0.1 s (the simulation sorts \(R\) samples of at
 * most {@value #SIMULATED_N_LIMIT} values).
 *
 * <p><b>Other alternatives.</b> Many alternatives share a KS distance \(\delta\), with different powers.
 * Massey (1951) bounds the power against <i>every</i> alternative at distance \(\delta\) from below by a
 * binomial probability; that bound is much lower (it looks at one point of the CDF only) and is not what is
 * reported here.
 *
 * <p>References:
 * <ol>
 * <li>Massey, F. J. (1951). The Kolmogorov–Smirnov test for goodness of fit. <i>Journal of the American
 * Statistical Association</i> 46(253), 68–78, doi:10.1080/01621459.1951.10500769.
 * <li>Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed., chapter 14.
 * Springer, doi:10.1007/0-387-27605-X.
 * <li>Simard, R. &amp; L'Ecuyer, P. (2011). Computing the two-sided Kolmogorov–Smirnov distribution.
 * <i>Journal of Statistical Software</i> 39(11), doi:10.18637/jss.v039.i11.
 * </ol>
 */
public final class KolmogorovSmirnovPower extends NormalShiftPower {
    /** Replicates unless {@link #withReplicates(int)} says otherwise. */
    public static final int DEFAULT_REPLICATES = 1000;
    /** Sample sizes above this are simulated at this size with a rescaled shift. */
    public static final int SIMULATED_N_LIMIT = 500;

    private KolmogorovSmirnovPower(int replicates, long seed) {
        super(replicates, seed, SIMULATED_N_LIMIT);
    }

    /** @return the model with {@value #DEFAULT_REPLICATES} replicates and seed {@value #DEFAULT_SEED} */
    public static KolmogorovSmirnovPower withDefaults() {
        return new KolmogorovSmirnovPower(DEFAULT_REPLICATES, DEFAULT_SEED);
    }

    /**
     * @param count the number of simulated samples, at least 100
     * @return a model with that many replicates
     */
    public KolmogorovSmirnovPower withReplicates(int count) {
        return new KolmogorovSmirnovPower(count, seed());
    }

    /**
     * @param value the simulation's seed
     * @return a model with that seed
     */
    public KolmogorovSmirnovPower withSeed(long value) {
        return new KolmogorovSmirnovPower(replicates(), value);
    }

    /**
     * The root of \(\ln P(D_n \ge c) = \ln \alpha\) for the p-value that {@link KolmogorovSmirnov#oneSample}
     * reports ({@link KolmogorovDistribution#twoSided}), found by Brent's method (relative accuracy 1e-15)
     * between \(1/(2n)\), where \(P = 1\), and the Dvoretzky–Kiefer–Wolfowitz–Massart bound
     * \(\sqrt{\ln(2/\alpha)/(2n)}\), where \(P \le 2e^{-2nd^2} = \alpha\); about ten p-values instead of the forty
     * of a bisection.
     *
     * <p>Reference: Massart, P. (1990). The tight constant in the Dvoretzky–Kiefer–Wolfowitz inequality.
     * <i>The Annals of Probability</i> 18(3), 1269–1283, doi:10.1214/aop/1176990746.
     *
     * @param n the sample size, at least 2
     * @param alpha the level, in (0, 1)
     * @return the critical value \(c\): the test rejects at level {@code alpha} when \(D_n > c\)
     */
    public static double criticalValue(int n, double alpha) {
        MeanTestPower.checkLevel(alpha);
        checkSize(n);
        double logAlpha = Math.log(alpha);
        double lo = 0.5 / n;
        double hi = Math.min(1, Math.nextUp(Math.sqrt(Math.log(2 / alpha) / (2.0 * n))));
        if (lo >= hi) {
            return lo;
        }
        UnivariateFunction excess = d -> KolmogorovDistribution.twoSided(d, n).logP() - logAlpha;
        return new BrentSolver(1e-15, 1e-17).solve(200, excess, lo, hi);
    }

    @Override
    String statistic() {
        return "ks";
    }

    /** The closed-form thresholds of the class comment, from the critical value's normal-score bounds. */
    @Override
    Thresholds thresholds(int n, double alpha) {
        double c = criticalValue(n, alpha);
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            double a = (double) i / n + c;
            double b = (i + 1.0) / n - c;
            lower[i] = a < 1 ? STANDARD.inverseCumulativeProbability(a) : Double.POSITIVE_INFINITY;
            upper[i] = b > 0 ? STANDARD.inverseCumulativeProbability(b) : Double.NEGATIVE_INFINITY;
        }
        return (z, out) -> {
            double above = Double.POSITIVE_INFINITY;
            double below = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                above = Math.min(above, lower[i] - z[i]);
                below = Math.max(below, upper[i] - z[i]);
            }
            out[0] = above;
            out[1] = below;
        };
    }
}
