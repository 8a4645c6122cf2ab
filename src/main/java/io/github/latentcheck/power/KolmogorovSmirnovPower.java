package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.KolmogorovDistribution;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Power of the two-sided one-sample Kolmogorov–Smirnov test ({@link KolmogorovSmirnov#oneSample}) at
 * level \(\alpha\), by seeded simulation of the test itself.
 *
 * <p><b>The alternative.</b> The KS test is distribution-free: its power against data with CDF \(G\)
 * under the reference \(F\) depends only on \(H = G \circ F^{-1}\) on [0, 1]. Many alternatives share a
 * KS distance \(\delta = \sup|G - F|\), with different powers; the effect \(\delta\) is stated here
 * against one of them, the <i>location shift in normal scores</i>: \(\Phi^{-1}(F(X)) \sim N(\theta, 1)\)
 * with \(\delta = 2\Phi(\theta/2) - 1\), that is \(\theta = 2\Phi^{-1}((1 + \delta)/2)\). Under a
 * Gaussian reference it is exactly a shift of the mean by \(\theta\) standard deviations. Massey (1951)
 * bounds the power against <i>every</i> alternative at distance \(\delta\) from below by a binomial
 * probability; that bound is much lower (it looks at one point of the CDF only) and is not what is
 * reported here.
 *
 * <p><b>The simulation.</b> The rejection region is \(D_n \ge c\), where the critical value \(c\) is
 * the root of the p-value that {@link KolmogorovSmirnov#oneSample} itself uses
 * ({@link KolmogorovDistribution#twoSided}, see {@link #criticalValue}), so it follows that engine.
 * Each of \(R\) replicates draws \(n\) standard normal scores \(z_{(1)} \le \dots \le z_{(n)}\); the
 * replicate shifted by \(\theta\) rejects exactly when
 * \[ \theta > \theta^-_r = \min_i \bigl(\Phi^{-1}(\tfrac{i-1}{n} + c) - z_{(i)}\bigr) \quad\text{or}\quad
 *    \theta < \theta^+_r = \max_i \bigl(\Phi^{-1}(\tfrac{i}{n} - c) - z_{(i)}\bigr), \]
 * because \(D_n^-\) increases and \(D_n^+\) decreases with \(\theta\). One set of replicates therefore
 * gives the power at every \(\theta\) (the fraction of replicates that reject), and the detectable
 * effect at power \(\pi\) is the smallest \(\theta\) at which that fraction reaches \(\pi\), without
 * root-finding noise. The Monte-Carlo standard error of a power \(p\) is \(\sqrt{p(1-p)/R}\)
 * (about 0.013 at \(p = 0.8\) with the default \(R = 1000\), chosen to keep a check's
 * {@code detectableEffect} to about 0.1 s: the simulation sorts \(R\) samples of at most
 * {@value #SIMULATED_N_LIMIT} values).
 *
 * <p><b>Large n.</b> Above {@value #SIMULATED_N_LIMIT} the simulation runs at
 * \(m = \) {@value #SIMULATED_N_LIMIT} with the shift rescaled to \(\theta\sqrt{n/m}\): under local
 * alternatives \(\sqrt{n}D_n\) converges to \(\sup|B(u) + \sqrt{n}\theta\,\varphi(\Phi^{-1}(u))|\) with
 * \(B\) a Brownian bridge, so the power depends on \(n\) and \(\theta\) only through \(\sqrt{n}\theta\)
 * (Lehmann and Romano 2005, chapter 14). The required sample size beyond \(m\) is therefore
 * \(\lceil m(\theta_m/\theta)^2\rceil\), with \(\theta_m\) the detectable shift at \(m\); below \(m\)
 * it is found by bisection over \(n\), simulating at each \(n\) with the same seed.
 *
 * <p><b>Two samples.</b> The two-sample test of \(n\) against \(m\) values is approximated by this
 * one-sample model with \(n_{\mathrm{eff}} = nm/(n + m)\), the size at which \(\sqrt{n_{\mathrm{eff}}}
 * D_{n,m}\) has Kolmogorov's limit under the null and the same drift under local alternatives.
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
public final class KolmogorovSmirnovPower implements PowerModel {
    /** Replicates unless {@link #withReplicates(int)} says otherwise. */
    public static final int DEFAULT_REPLICATES = 1000;
    /** The simulation's seed unless {@link #withSeed(long)} says otherwise. */
    public static final long DEFAULT_SEED = 20_260_801L;
    /** Sample sizes above this are simulated at this size with a rescaled shift. */
    public static final int SIMULATED_N_LIMIT = 500;
    private static final int MIN_REPLICATES = 100;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final int CACHED_SIMULATIONS = 32;
    /** Recent simulations by (n, alpha, replicates, seed): a run's KS checks share one at the capped size. */
    private static final Map<SimulationKey, Replicates> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SimulationKey, Replicates> eldest) {
            return size() > CACHED_SIMULATIONS;
        }
    };

    private final int replicates;
    private final long seed;

    private KolmogorovSmirnovPower(int replicates, long seed) {
        this.replicates = replicates;
        this.seed = seed;
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
        if (count < MIN_REPLICATES) {
            throw new InvalidInputException("replicates is not at least " + MIN_REPLICATES + ": " + count);
        }
        return new KolmogorovSmirnovPower(count, seed);
    }

    /**
     * @param value the simulation's seed
     * @return a model with that seed
     */
    public KolmogorovSmirnovPower withSeed(long value) {
        return new KolmogorovSmirnovPower(replicates, value);
    }

    /** @return the number of simulated samples */
    public int replicates() {
        return replicates;
    }

    @Override
    public String unit() {
        return "KS distance";
    }

    /**
     * @param ksDistance a KS distance \(\delta\) in (0, 1)
     * @return the shift in normal scores with that distance, \(2\Phi^{-1}((1 + \delta)/2)\)
     */
    public static double shiftOf(double ksDistance) {
        checkDistance(ksDistance);
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
    public double power(int n, double alpha, double effect) {
        checkSize(n);
        int m = Math.min(n, SIMULATED_N_LIMIT);
        return simulate(m, alpha).power(shiftOf(effect) * Math.sqrt((double) n / m));
    }

    @Override
    public double detectableEffect(int n, double alpha, double power) {
        checkSize(n);
        MeanTestPower.checkPower(power);
        int m = Math.min(n, SIMULATED_N_LIMIT);
        double effect = ksDistanceOf(simulate(m, alpha).detectableShift(power) * Math.sqrt((double) m / n));
        // The shift lies one ulp above a replicate's threshold; the round trip through the KS distance
        // may land it below, so step up until the reported effect has the power it promises.
        for (int step = 0; step < 64 && effect < 1 && power(n, alpha, effect) < power; step++) {
            effect = Math.nextUp(effect);
        }
        return effect;
    }

    @Override
    public long requiredSamples(double alpha, double effect, double power) {
        MeanTestPower.checkPower(power);
        double shift = shiftOf(effect);
        double atLimit = simulate(SIMULATED_N_LIMIT, alpha).detectableShift(power);
        if (shift <= atLimit) {
            double n = Math.ceil(SIMULATED_N_LIMIT * (atLimit / shift) * (atLimit / shift));
            if (n > Integer.MAX_VALUE) {
                throw new InvalidInputException(String.format(Locale.ROOT, "KS distance %s needs more than %d "
                        + "samples for power %s at level %s", effect, Integer.MAX_VALUE, power, alpha));
            }
            return (long) n;
        }
        int lo = 1;
        int hi = SIMULATED_N_LIMIT;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (simulate(mid, alpha).power(shift) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private Replicates simulate(int n, double alpha) {
        SimulationKey key = new SimulationKey(n, alpha, replicates, seed);
        synchronized (CACHE) {
            Replicates cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Replicates simulated = simulateAfresh(n, alpha);
        synchronized (CACHE) {
            CACHE.put(key, simulated);
        }
        return simulated;
    }

    private record SimulationKey(int n, double alpha, int replicates, long seed) {
    }

    private Replicates simulateAfresh(int n, double alpha) {
        double c = criticalValue(n, alpha);
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            double a = (double) i / n + c;
            double b = (i + 1.0) / n - c;
            lower[i] = a < 1 ? STANDARD.inverseCumulativeProbability(a) : Double.POSITIVE_INFINITY;
            upper[i] = b > 0 ? STANDARD.inverseCumulativeProbability(b) : Double.NEGATIVE_INFINITY;
        }
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[n];
        double[] minus = new double[replicates];
        double[] plus = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < n; i++) {
                z[i] = gaussian.sample();
            }
            Arrays.sort(z);
            double tm = Double.POSITIVE_INFINITY;
            double tp = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                tm = Math.min(tm, lower[i] - z[i]);
                tp = Math.max(tp, upper[i] - z[i]);
            }
            minus[r] = tm;
            plus[r] = tp;
        }
        return new Replicates(minus, plus);
    }

    /** Each replicate's rejection thresholds: it rejects a shift θ when θ > minus or θ < plus. */
    private static final class Replicates {
        private final double[] minus;
        private final double[] plus;

        Replicates(double[] minus, double[] plus) {
            this.minus = minus;
            this.plus = plus;
        }

        double power(double shift) {
            long rejected = 0;
            for (int r = 0; r < minus.length; r++) {
                rejected += shift > minus[r] || shift < plus[r] ? 1 : 0;
            }
            return (double) rejected / minus.length;
        }

        double detectableShift(double target) {
            if (power(0) >= target) {
                return 0;
            }
            double[] candidates = minus.clone();
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

    private static void checkDistance(double ksDistance) {
        if (!(ksDistance > 0 && ksDistance < 1)) {
            throw new InvalidInputException("KS distance is not in (0, 1): " + ksDistance);
        }
    }

    private static void checkSize(int n) {
        if (n < 2) {
            throw new InvalidInputException("n is not at least 2: " + n);
        }
    }
}
