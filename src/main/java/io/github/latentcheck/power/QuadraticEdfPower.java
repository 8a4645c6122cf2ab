package io.github.latentcheck.power;

import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * Power of the one-sample Anderson–Darling ({@link AndersonDarling#oneSample}) and Cramér–von Mises
 * ({@link CramerVonMises#oneSample}) tests, Stephens' quadratic EDF statistics, against the location shift in
 * normal scores with the effect stated as a KS distance \(\delta = 2\Phi(\theta/2) - 1\), by the seeded
 * simulation of {@link NormalShiftPower} (which states the alternative, the simulation, the rescaling above
 * the simulated limit and the two-sample approximation). The same {@code power: {effect: δ}} therefore means
 * the same alternative for {@code latent-ks}, {@code latent-ad} and {@code latent-cvm}.
 *
 * <p><b>The statistics of a shifted replicate.</b> With sorted scores \(z_{(i)}\) and
 * \(u_i = \Phi(z_{(i)} + \theta)\), \(\bar u_i = 1 - u_i\) (computed as \(\Phi(-z_{(i)} - \theta)\)),
 * \[ W^2(\theta) = \frac{1}{12n} + \sum_{i=1}^n \Bigl(\frac{2i - 1}{2n} - u_i\Bigr)^2, \qquad
 *    A^2(\theta) = -n - \frac{1}{n}\sum_{i=1}^n \bigl[(2i - 1)\ln u_i + (2n + 1 - 2i)\ln \bar u_i\bigr], \]
 * the statistics the tests compute (the AD sum is the usual one with the second term re-indexed).
 *
 * <p><b>The critical value</b> \(c\) is the root of \(\ln p(c) = \ln\alpha\) for the logarithm of the p-value
 * the test itself reports ({@link AndersonDarling#logPValue}, the limiting tail with Marsaglia and Marsaglia's
 * finite-n correction; {@link CramerVonMises#oneSampleLogPValue}, the limiting tail with Csörgő and Faraway's),
 * by Brent's method, so the model follows the engine at every level, also far below 1e-300.
 *
 * <p><b>The thresholds.</b> As a function of \(\theta\) the statistic is, in practice, quasi-convex: it falls
 * to a minimum near the shift that centres the replicate and rises on both sides (to \(+\infty\) for
 * \(A^2\), to about \(n/3\) for \(W^2\), above every reachable \(c\)). Per replicate: from
 * \(\theta_0 = -\bar z\), where the statistic is nearly minimal; if it is at least \(c\) there, the minimum is
 * found by Brent's minimiser on \(\theta_0 \pm 4/\sqrt{n}\), and a replicate that rejects even there rejects
 * every shift. Otherwise each crossing of \(c\) is bracketed by steps of \(2/\sqrt{n}\), doubled until the
 * statistic reaches \(c\), and found by Brent's method to \(10^{-9}\) absolute in \(\theta\):
 * \(\theta^-_r &lt; \theta_0 &lt; \theta^+_r\), and the replicate rejects when \(\theta &gt; \theta^+_r\) or
 * \(\theta &lt; \theta^-_r\). A statistic that is not quasi-convex for some replicate would make its thresholds
 * those of the acceptance interval around \(\theta_0\) only.
 *
 * <p><b>Cost and precision.</b> About 30 evaluations of the statistic (each \(n\) complementary error
 * functions and logarithms) per replicate: the default {@value #DEFAULT_REPLICATES} replicates at the
 * simulated limit {@value #SIMULATED_N_LIMIT} take about 0.15–0.2 s for \(A^2\) and 0.1 s for \(W^2\) on 2
 * shared cores, and the Monte-Carlo standard error of a power
 * \(p\) is \(\sqrt{p(1-p)/R}\), 0.020 at \(p = 0.8\). The limit is lower than the KS model's 500, for the
 * cost; the local-alternative rescaling above it is checked against simulations of the real tests at
 * n = 1,000 ({@code QuadraticEdfPowerTest}).
 *
 * <p>References:
 * <ol>
 * <li>Stephens, M. A. (1974). EDF statistics for goodness of fit and some comparisons. <i>Journal of the
 * American Statistical Association</i> 69(347), 730–737, doi:10.1080/01621459.1974.10480196 (the power
 * of EDF tests: the quadratic statistics \(W^2\), \(A^2\) are more powerful than \(D\) against most shifts).
 * <li>Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed., chapter 14.
 * Springer, doi:10.1007/0-387-27605-X.
 * <li>Brent, R. P. (1973). <i>Algorithms for Minimization without Derivatives</i>, chapters 4 and 5.
 * Prentice-Hall.
 * </ol>
 */
public final class QuadraticEdfPower extends NormalShiftPower {
    /** Replicates unless {@link #withReplicates(int)} says otherwise. */
    public static final int DEFAULT_REPLICATES = 400;
    /** Sample sizes above this are simulated at this size with a rescaled shift. */
    public static final int SIMULATED_N_LIMIT = 250;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SHIFT_ACCURACY = 1e-9;
    private static final int MAX_EVALUATIONS = 200;

    /** The statistic whose power is modelled. */
    public enum Statistic {
        /** Anderson–Darling \(A^2\). */
        ANDERSON_DARLING("ad"),
        /** Cramér–von Mises \(W^2\). */
        CRAMER_VON_MISES("cvm");

        private final String shortName;

        Statistic(String shortName) {
            this.shortName = shortName;
        }

        /** @return the short name, {@code "ad"} or {@code "cvm"} */
        public String shortName() {
            return shortName;
        }

        double logPValue(double value, int n) {
            return this == ANDERSON_DARLING ? AndersonDarling.logPValue(n, value)
                    : CramerVonMises.oneSampleLogPValue(value, n);
        }
    }

    private final Statistic statistic;

    private QuadraticEdfPower(Statistic statistic, int replicates, long seed) {
        super(replicates, seed, SIMULATED_N_LIMIT);
        this.statistic = statistic;
    }

    /**
     * @param statistic the test's statistic
     * @return its model with {@value #DEFAULT_REPLICATES} replicates and seed {@value #DEFAULT_SEED}
     */
    public static QuadraticEdfPower of(Statistic statistic) {
        return new QuadraticEdfPower(statistic, DEFAULT_REPLICATES, DEFAULT_SEED);
    }

    /**
     * @param count the number of simulated samples, at least {@value #MIN_REPLICATES}
     * @return a model with that many replicates
     */
    public QuadraticEdfPower withReplicates(int count) {
        return new QuadraticEdfPower(statistic, count, seed());
    }

    /**
     * @param value the simulation's seed
     * @return a model with that seed
     */
    public QuadraticEdfPower withSeed(long value) {
        return new QuadraticEdfPower(statistic, replicates(), value);
    }

    /** @return the statistic whose power is modelled */
    public Statistic modelled() {
        return statistic;
    }

    @Override
    String statistic() {
        return statistic.shortName;
    }

    /**
     * @param statistic the test's statistic
     * @param n the sample size, at least 2
     * @param alpha the level, in (0, 1)
     * @return the critical value \(c\), the root of \(\ln p(c) = \ln\alpha\) for the test's own p-value: the test
     *     rejects at level {@code alpha} when the statistic exceeds \(c\)
     */
    public static double criticalValue(Statistic statistic, int n, double alpha) {
        MeanTestPower.checkLevel(alpha);
        checkSize(n);
        double logAlpha = Math.log(alpha);
        UnivariateFunction excess = s -> Math.max(-Double.MAX_VALUE, statistic.logPValue(s, n)) - logAlpha;
        double lo = 0;
        double hi = 1;
        while (excess.value(hi) > 0) {
            lo = hi;
            hi *= 2;
        }
        return new BrentSolver(1e-14, 1e-15).solve(MAX_EVALUATIONS, excess, lo, hi);
    }

    @Override
    Thresholds thresholds(int n, double alpha) {
        double c = criticalValue(statistic, n, alpha);
        double step = 2 / Math.sqrt(n);
        return (z, out) -> {
            ShiftedStatistic excess = new ShiftedStatistic(statistic, z, c);
            double sum = 0;
            for (double v : z) {
                sum += v;
            }
            double centre = -sum / n;
            if (excess.value(centre) >= 0) {
                UnivariatePointValuePair lowest = new BrentOptimizer(1e-10, SHIFT_ACCURACY).optimize(
                        new MaxEval(MAX_EVALUATIONS), new UnivariateObjectiveFunction(excess), GoalType.MINIMIZE,
                        new SearchInterval(centre - 2 * step, centre + 2 * step, centre));
                if (lowest.getValue() >= 0) {
                    out[0] = Double.NEGATIVE_INFINITY;
                    out[1] = Double.POSITIVE_INFINITY;
                    return;
                }
                centre = lowest.getPoint();
            }
            out[0] = crossing(excess, centre, step);
            out[1] = crossing(excess, centre, -step);
        };
    }

    /** The first shift from {@code from} in the direction of {@code step} where the statistic reaches c. */
    private static double crossing(ShiftedStatistic excess, double from, double step) {
        double inside = from;
        double outside = from + step;
        double width = step;
        while (excess.value(outside) < 0) {
            inside = outside;
            width *= 2;
            outside = from + width;
        }
        double lo = Math.min(inside, outside);
        double hi = Math.max(inside, outside);
        return new BrentSolver(SHIFT_ACCURACY).solve(MAX_EVALUATIONS, excess, lo, hi);
    }

    /** A replicate's statistic minus the critical value, as a function of the shift. */
    private static final class ShiftedStatistic implements UnivariateFunction {
        private final Statistic statistic;
        private final double[] z;
        private final double c;

        ShiftedStatistic(Statistic statistic, double[] sortedScores, double c) {
            this.statistic = statistic;
            this.z = sortedScores;
            this.c = c;
        }

        @Override
        public double value(double shift) {
            return (statistic == Statistic.ANDERSON_DARLING ? andersonDarling(shift) : cramerVonMises(shift)) - c;
        }

        private double cramerVonMises(double shift) {
            int n = z.length;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = (2.0 * i + 1) / (2.0 * n) - 0.5 * Erfc.value(-(z[i] + shift) * SQRT_HALF);
                sum += d * d;
            }
            return 1 / (12.0 * n) + sum;
        }

        /** Each point's smaller tail by erfc, the other as its complement (at least 1/2, so exact enough). */
        private double andersonDarling(double shift) {
            int n = z.length;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double x = z[i] + shift;
                double logU;
                double logComplement;
                if (x < 0) {
                    double u = 0.5 * Erfc.value(-x * SQRT_HALF);
                    logU = Math.log(u);
                    logComplement = Math.log1p(-u);
                } else {
                    double complement = 0.5 * Erfc.value(x * SQRT_HALF);
                    logU = Math.log1p(-complement);
                    logComplement = Math.log(complement);
                }
                sum += (2.0 * i + 1) * logU + (2.0 * n - 2 * i - 1) * logComplement;
            }
            return -n - sum / n;
        }
    }
}
