package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Power of a one-sample goodness-of-fit test against the <i>location shift in normal scores</i>, by a seeded
 * simulation that finds, for each replicate, every shift at which the test rejects. The subclasses say how a
 * replicate's rejection thresholds follow from its scores: in closed form for Kolmogorov–Smirnov
 * ({@link KolmogorovSmirnovPower}), by root-finding for Anderson–Darling and Cramér–von Mises
 * ({@link QuadraticEdfPower}).
 *
 * <p><b>The alternative and the effect.</b> The tests are distribution-free: their power against data with
 * CDF \(G\) under the reference \(F\) depends only on \(H = G \circ F^{-1}\) on [0, 1]. The alternative here is
 * \(\Phi^{-1}(F(X)) \sim N(\theta, 1)\), under a Gaussian reference exactly a shift of the mean by \(\theta\)
 * standard deviations. The effect is stated as its KS distance \(\delta = \sup|G - F| = 2\Phi(\theta/2) - 1\),
 * that is \(\theta = 2\Phi^{-1}((1 + \delta)/2)\), so one {@code power: {effect: δ}} means the same alternative
 * for every test built on this class, and their detectable effects compare directly.
 *
 * <p><b>The simulation.</b> Each of \(R\) replicates draws \(n\) standard normal scores
 * \(z_{(1)} \le \dots \le z_{(n)}\) from one XoShiRo256++ stream seeded with the seed (so the replicates, and
 * everything computed from them, depend on the seed and \(R\) only); the replicate shifted by \(\theta\) is
 * the sample \(u_i = \Phi(z_{(i)} + \theta)\) of probability-integral transforms. The subclass gives two
 * thresholds per replicate, \(\theta^+_r\) and \(\theta^-_r\): the replicate rejects a shift \(\theta\) exactly
 * when \(\theta &gt; \theta^+_r\) or \(\theta &lt; \theta^-_r\). One set of replicates therefore gives the power
 * at every \(\theta\), \(\hat\pi(\theta) = \#\{r : \theta &gt; \theta^+_r \lor \theta &lt; \theta^-_r\}/R\), an
 * exact step function without root-finding noise, and the detectable effect at power \(\pi\) is the smallest
 * \(\theta\) at which \(\hat\pi\) reaches \(\pi\). The Monte-Carlo standard error of a power \(p\) is
 * \(\sqrt{p(1-p)/R}\).
 *
 * <p><b>Large n.</b> Above the simulated limit (a subclass's choice) the shift is rescaled as
 * {@link SimulatedShiftPower} says: under local alternatives \(\theta_n = h/\sqrt{n}\) the empirical
 * process \(\sqrt{n}(F_n - F)\) of the transforms converges to \(B(u) + h\,\varphi(\Phi^{-1}(u))\) with \(B\) a
 * Brownian bridge, and KS, Cramér–von Mises and Anderson–Darling are continuous functionals of it, so the
 * power depends on \(n\) and \(\theta\) only through \(\sqrt{n}\theta\) (Lehmann and Romano 2005, chapter 14).
 *
 * <p><b>Two samples.</b> A two-sample test of \(n\) against \(m\) values is approximated by the one-sample
 * model at \(n_{\mathrm{eff}} = nm/(n + m)\) ({@link PowerAnalysis#twoSample}), the size at which the
 * two-sample statistics have the one-sample limits under the null and the same drift under local
 * alternatives.
 *
 * <p>Reference: Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed.,
 * chapter 14. Springer, doi:10.1007/0-387-27605-X.
 */
public abstract class NormalShiftPower extends SimulatedShiftPower {
    static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    /**
     * Recent simulations of the KS, AD and CvM models: a run's checks share one at the capped size; the common
     * ones come from the jar.
     */
    private static final Simulations CACHE = new Simulations(32, ShippedSimulations::find);

    /**
     * @param replicates the number of simulated samples, at least {@value #MIN_REPLICATES}
     * @param seed the simulation's seed
     * @param simulatedLimit sample sizes above this are simulated at this size with a rescaled shift
     */
    NormalShiftPower(int replicates, long seed, int simulatedLimit) {
        super(replicates, seed, simulatedLimit, CACHE);
    }

    @Override
    public final String unit() {
        return "KS distance";
    }

    /**
     * @param ksDistance a KS distance \(\delta\) in (0, 1)
     * @return the shift in normal scores with that distance, \(2\Phi^{-1}((1 + \delta)/2)\)
     */
    public static double shiftOf(double ksDistance) {
        if (!(ksDistance > 0 && ksDistance < 1)) {
            throw new InvalidInputException("KS distance is not in (0, 1): " + ksDistance);
        }
        return 2 * STANDARD.inverseCumulativeProbability((1 + ksDistance) / 2);
    }

    /**
     * @param shift a shift \(\theta \ge 0\) in normal scores
     * @return its KS distance, \(2\Phi(\theta/2) - 1\)
     */
    public static double ksDistanceOf(double shift) {
        return 2 * STANDARD.cumulativeProbability(shift / 2) - 1;
    }

    /**
     * @param n the sample size, at least 2
     * @param alpha the level, in (0, 1)
     * @return the rule that turns a replicate's sorted scores into its rejection thresholds at that size and level
     */
    abstract Thresholds thresholds(int n, double alpha);

    /** A replicate's rejection thresholds in the shift, for one size and level. */
    @FunctionalInterface
    interface Thresholds {
        /**
         * @param sortedScores the replicate's standard normal scores, ascending
         * @param out receives \(\theta^+\) at index 0 and \(\theta^-\) at index 1: the replicate shifted by
         *     \(\theta\) rejects exactly when \(\theta &gt; \theta^+\) or \(\theta &lt; \theta^-\)
         */
        void of(double[] sortedScores, double[] out);
    }

    @Override
    final double shiftFor(double effect) {
        return shiftOf(effect);
    }

    @Override
    final double effectFor(double shift) {
        return ksDistanceOf(shift);
    }

    @Override
    final Simulation simulateAfresh(int n, double alpha) {
        Thresholds rule = thresholds(n, alpha);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed());
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[n];
        double[] pair = new double[2];
        double[] above = new double[replicates()];
        double[] below = new double[replicates()];
        for (int r = 0; r < above.length; r++) {
            for (int i = 0; i < n; i++) {
                z[i] = gaussian.sample();
            }
            Arrays.sort(z);
            rule.of(z, pair);
            above[r] = pair[0];
            below[r] = pair[1];
        }
        return new Replicates(above, below);
    }

    /** Each replicate's rejection thresholds: it rejects a shift θ when θ > above or θ < below. */
    static final class Replicates implements Simulation {
        private final double[] above;
        private final double[] below;

        /**
         * @param above each replicate's \(\theta^+\), in the order simulated
         * @param below each replicate's \(\theta^-\), in the same order
         */
        Replicates(double[] above, double[] below) {
            this.above = above;
            this.below = below;
        }

        /** @return a copy of each replicate's \(\theta^+\) */
        double[] above() {
            return above.clone();
        }

        /** @return a copy of each replicate's \(\theta^-\) */
        double[] below() {
            return below.clone();
        }

        @Override
        public double power(double shift) {
            long rejected = 0;
            for (int r = 0; r < above.length; r++) {
                rejected += shift > above[r] || shift < below[r] ? 1 : 0;
            }
            return (double) rejected / above.length;
        }

        @Override
        public double detectableShift(double target) {
            if (power(0) >= target) {
                return 0;
            }
            double[] candidates = above.clone();
            Arrays.sort(candidates);
            for (double shift : candidates) {
                double justAbove = Math.nextUp(shift);
                if (justAbove > 0 && power(justAbove) >= target) {
                    return justAbove;
                }
            }
            return candidates[candidates.length - 1];
        }
    }
}
