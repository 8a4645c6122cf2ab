package io.github.latentcheck.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The seeded simulations behind {@link IntervalCoverageTest} (R = 200, the default build) and
 * {@link IntervalCoverageLongTest} (R = 2,000, {@code mvn -Pcalibration verify}): R repetitions, each on fresh rows
 * from a known distribution (its own jumped stream, so counts do not depend on the thread count), count how often
 * the 95 % interval holds the value it estimates. The count must lie in the exact 99.9 % interval of
 * Binomial(R, rate): a test whose interval covers at exactly that rate fails with probability at most 0.1 %. The rate
 * is the nominal 0.95 for precision, α-precision, authenticity and KID, and {@link #LIBERAL} (0.93) for the intervals
 * measured to be somewhat liberal at n = 300 (FD, Vendi, recall). At R = 200 the band of 0.95 is [179, 198]
 * (0.895–0.99); at R = 2,000 it is [1867, 1931] (0.934–0.966) and that of 0.93 [1821, 1896], which tells 95 % from
 * 93 %.
 *
 * <p>What each interval estimates, and so which value is counted:
 * <ul>
 * <li>precision and recall: the manifold-conditional values \(p(X) = P_Y(Y \in \Phi(X))\) and
 * \(r(Y) = P_X(X \in \Phi(Y))\) (the bootstrap holds the radii fixed), each measured on 20,000 fresh rows
 * (Monte Carlo error ≤ 0.0035, a fifteenth of the interval's half-width);</li>
 * <li>authenticity: the real-conditional \(a(X) = P_Y(Y \text{ authentic} \mid X)\), on 20,000 fresh rows;</li>
 * <li>α-precision: the population value, exact from the χ² distribution of \(\|X\|^2\) and \(\|Y\|^2/s^2\);</li>
 * <li>KID's MMD²: the population value, exact for Gaussians (the estimator is unbiased);</li>
 * <li>FD and Vendi: the estimator's expectation at the sample size used, \(E[\widehat{FD}_{N,M}]\) and
 * \(E[\widehat{VS}_n]\), from 20,000 seeded repetitions (standard error below 1 % of the half-width). Their
 * plug-in estimators are biased, so the intervals under-cover the population values; the simulation also counts
 * those and publishes them (FD: ‖μ₁ − μ₂‖² + d(1 − s)² exactly; Vendi: from E[x̂x̂ᵀ] on 10⁶ rows).</li>
 * </ul>
 */
abstract class IntervalCoverage {
    /** The nominal coverage of every interval. */
    static final double NOMINAL = 0.95;
    /**
     * The coverage that the percentile bootstrap of a biased plug-in (FD, Vendi) and of recall near 1 reaches at
     * n = 300, measured with R = 2,000: 0.926 (FD), 0.932 (Vendi), 0.927 (recall). These intervals are somewhat
     * liberal at this size; the tests hold them to 0.93 so that a further loss of coverage fails.
     */
    static final double LIBERAL = 0.93;
    /** The probability that the acceptance band holds the count of an exactly calibrated interval. */
    static final double BAND = 0.999;
    /** Rows per set in every simulation (KID: 200, its bootstrap being quadratic in the rows). */
    static final int N = 300;
    /** Fresh rows that measure a conditional value. */
    static final int FRESH = 20_000;
    /** Repetitions of the large-R references of E[FD] and E[VS]. */
    static final int REFERENCE_REPETITIONS = 20_000;

    /** @return the repetitions R of every simulation */
    abstract int repetitions();

    @Test
    void precisionAndRecallIntervalsCoverTheManifoldConditionalValues(TestReporter reporter) {
        int r = repetitions();
        int[] covered = count(r, 181, 2, (rng, t) -> {
            Samples x = real(rng, N);
            Samples y = generated(rng, N);
            PrecisionRecall.Result res = PrecisionRecall.withDefaults().withSeed(t).withThreads(1).compute(y, x);
            double p = insideFraction(generated(rng, FRESH), x, 3);
            double q = insideFraction(real(rng, FRESH), y, 3);
            return new boolean[] {holds(res.precisionLower(), res.precisionUpper(), p),
                holds(res.recallLower(), res.recallUpper(), q)};
        });
        assertCovers("precision", covered[0], r, NOMINAL, reporter);
        assertCovers("recall", covered[1], r, LIBERAL, reporter);
    }

    @Test
    void alphaPrecisionCoversThePopulationValueAndAuthenticityTheRealConditionalOne(TestReporter reporter) {
        int r = repetitions();
        int steps = 30;
        double alphaPrecision = populationAlphaPrecision(steps);
        double[] zero = constant(3, 0);
        int[] covered = count(r, 182, 2, (rng, t) -> {
            Samples x = gaussian(rng, N, zero, constant(3, 1));
            Samples y = gaussian(rng, N, zero, constant(3, AUTH_SCALE));
            Faithfulness.Result res = Faithfulness.withDefaults().withSteps(steps).withSeed(t).withThreads(1)
                    .compute(y, x);
            double authentic = authenticFraction(gaussian(rng, FRESH, zero, constant(3, AUTH_SCALE)), x);
            return new boolean[] {holds(res.alphaPrecisionLower(), res.alphaPrecisionUpper(), alphaPrecision),
                holds(res.authenticityLower(), res.authenticityUpper(), authentic)};
        });
        reporter.publishEntry("population alpha-precision", Double.toString(alphaPrecision));
        assertCovers("alpha-precision", covered[0], r, NOMINAL, reporter);
        assertCovers("authenticity", covered[1], r, NOMINAL, reporter);
    }

    @Test
    void kidIntervalCoversThePopulationMmd2(TestReporter reporter) {
        int r = repetitions();
        double mmd2 = populationMmd2();
        int n = 200;
        int[] covered = count(r, 183, 1, (rng, t) -> {
            KernelInceptionDistance.Result res = KernelInceptionDistance.withDefaults().withSubsets(1)
                    .withPermutations(1).withSeed(t).withThreads(1).compute(generated(rng, n), real(rng, n));
            return new boolean[] {holds(res.lower(), res.upper(), mmd2)};
        });
        reporter.publishEntry("population MMD²", Double.toString(mmd2));
        assertCovers("KID MMD²", covered[0], r, NOMINAL, reporter);
    }

    @Test
    void fdIntervalCoversTheExpectedEstimateAndUnderCoversThePopulationFd(TestReporter reporter) {
        int r = repetitions();
        double expected = mean(REFERENCE_REPETITIONS, 184, rng -> FrechetDistance.distance(generated(rng, N),
                real(rng, N)));
        double population = populationFd();
        int[] covered = count(r, 185, 2, (rng, t) -> {
            FrechetDistance.Result res = FrechetDistance.withDefaults().withSeed(t).withThreads(1)
                    .compute(generated(rng, N), real(rng, N));
            return new boolean[] {holds(res.lower(), res.upper(), expected),
                holds(res.lower(), res.upper(), population)};
        });
        reporter.publishEntry("E[FD] at N = M = " + N, Double.toString(expected));
        reporter.publishEntry("population FD", Double.toString(population));
        reporter.publishEntry("population FD coverage", covered[1] + " / " + r);
        assertCovers("FD (its expectation at these sizes)", covered[0], r, LIBERAL, reporter);
        assertThat(covered[1]).as("the interval under-covers the population FD (bias %.3f): %d of %d",
                expected - population, covered[1], r).isLessThan(band(r, LIBERAL)[0]);
    }

    @Test
    void vendiIntervalCoversTheExpectedScore(TestReporter reporter) {
        int r = repetitions();
        double[] zero = constant(4, 0);
        double expected = mean(REFERENCE_REPETITIONS, 186, rng -> VendiScore.withDefaults().withBootstrap(2)
                .withThreads(1).compute(gaussian(rng, N, zero, VENDI_SCALE)).score());
        double population = populationVendi(Tasks.streams(187, 1).get(0), 1_000_000);
        int[] covered = count(r, 188, 2, (rng, t) -> {
            VendiScore.Result res = VendiScore.withDefaults().withSeed(t).withThreads(1)
                    .compute(gaussian(rng, N, zero, VENDI_SCALE));
            return new boolean[] {holds(res.lower(), res.upper(), expected),
                holds(res.lower(), res.upper(), population)};
        });
        reporter.publishEntry("E[VS] at n = " + N, Double.toString(expected));
        reporter.publishEntry("population VS", Double.toString(population));
        reporter.publishEntry("population VS coverage", covered[1] + " / " + r);
        assertCovers("Vendi (its expectation at this size)", covered[0], r, LIBERAL, reporter);
    }

    /** @return the fraction of points inside the union of the centres' k-th-neighbour balls (brute force) */
    static double insideFraction(Samples points, Samples centres, int k) {
        double[] c = centres.toArray();
        double[] p = points.toArray();
        int n = centres.rows();
        int d = centres.columns();
        double[] radius = new double[n];
        double[] others = new double[n - 1];
        for (int i = 0; i < n; i++) {
            int at = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others[at++] = distance(c, i, c, j, d);
                }
            }
            java.util.Arrays.sort(others);
            radius[i] = others[k - 1];
        }
        int inside = 0;
        for (int j = 0; j < points.rows(); j++) {
            for (int i = 0; i < n; i++) {
                if (distance(p, j, c, i, d) <= radius[i]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / points.rows();
    }

    /** @return the fraction of synthetic rows farther from their nearest real row than it is from its own (brute force) */
    static double authenticFraction(Samples synthetic, Samples real) {
        double[] x = real.toArray();
        double[] y = synthetic.toArray();
        int n = real.rows();
        int d = real.columns();
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            own[i] = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    own[i] = Math.min(own[i], distance(x, i, x, j, d));
                }
            }
        }
        int authentic = 0;
        for (int j = 0; j < synthetic.rows(); j++) {
            double best = Double.POSITIVE_INFINITY;
            int nearest = -1;
            for (int i = 0; i < n; i++) {
                double e = distance(y, j, x, i, d);
                if (e < best) {
                    best = e;
                    nearest = i;
                }
            }
            authentic += best > own[nearest] ? 1 : 0;
        }
        return (double) authentic / synthetic.rows();
    }

    private static double distance(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double e = a[i * d + c] - b[j * d + c];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** Generated rows N(SHIFT e₁, SCALE² I₄) against real rows N(0, I₄), for FD and KID. */
    static final double[] SHIFT = {0.5, 0, 0, 0};
    static final double SCALE = 1.2;

    /**
     * @param r repetitions
     * @param rate the coverage the interval is held to
     * @return the acceptance band {lower, upper} of the count of covering intervals among r
     */
    static int[] band(int r, double rate) {
        BinomialDistribution b = BinomialDistribution.of(r, rate);
        return new int[] {b.inverseCumulativeProbability((1 - BAND) / 2),
            b.inverseCumulativeProbability(1 - (1 - BAND) / 2)};
    }

    static void assertCovers(String what, int covered, int r, double rate, TestReporter reporter) {
        int[] band = band(r, rate);
        reporter.publishEntry(what + " coverage", covered + " / " + r);
        assertThat(covered).as("%s: the 95 %% interval held its value in %d of %d repetitions (%.3f); the 99.9 %% "
                + "band of Binomial(%d, %s) is [%d, %d]", what, covered, r, (double) covered / r, r, rate, band[0],
                band[1]).isBetween(band[0], band[1]);
    }

    /** One repetition: its stream, and whether each interval it checks held its value. */
    interface Repetition {
        boolean[] covers(UniformRandomProvider rng, int index);
    }

    /** @return per interval, how many of the r repetitions covered (repetition t uses stream t of the seed) */
    static int[] count(int r, long seed, int intervals, Repetition repetition) {
        List<UniformRandomProvider> streams = Tasks.streams(seed, r);
        boolean[][] hits = new boolean[r][];
        Tasks.run(r, Tasks.defaultThreads(), t -> hits[t] = repetition.covers(streams.get(t), t));
        int[] counts = new int[intervals];
        for (boolean[] h : hits) {
            for (int i = 0; i < intervals; i++) {
                counts[i] += h[i] ? 1 : 0;
            }
        }
        return counts;
    }

    /** @return the mean of a statistic over r seeded repetitions (the large-R reference of an expectation) */
    static double mean(int r, long seed, ToDoubleFunction<UniformRandomProvider> statistic) {
        List<UniformRandomProvider> streams = Tasks.streams(seed, r);
        double[] values = new double[r];
        Tasks.run(r, Tasks.defaultThreads(), t -> values[t] = statistic.applyAsDouble(streams.get(t)));
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / r;
    }

    /** @return n rows of N(mean, diag(scale²)) */
    static Samples gaussian(UniformRandomProvider rng, int n, double[] mean, double[] scale) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = mean.length;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                x[i * d + c] = mean[c] + scale[c] * g.sample();
            }
        }
        return Samples.ofOwned(n, d, x);
    }

    static double[] constant(int d, double v) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static Samples real(UniformRandomProvider rng, int n) {
        return gaussian(rng, n, constant(4, 0), constant(4, 1));
    }

    static Samples generated(UniformRandomProvider rng, int n) {
        return gaussian(rng, n, SHIFT, constant(4, SCALE));
    }

    /** @return FD between N(0, I₄) and N(SHIFT, SCALE² I₄): ‖μ‖² + d(1 − s)² (both covariances are multiples of I) */
    static double populationFd() {
        double m = 0;
        for (double v : SHIFT) {
            m += v * v;
        }
        return m + SHIFT.length * (1 - SCALE) * (1 - SCALE);
    }

    /**
     * E k(X, Y) for the cubic kernel \(k = (x \cdot y / d + 1)^3\) and independent X ~ N(a, sa² I), Y ~ N(b, sb² I):
     * with t = X·Y, m = a·b, E t = m, \(E t^2 = \operatorname{tr}((A + aa^\top)(B + bb^\top))\) and, from
     * \(E[t^3 \mid Y] = (a \cdot Y)^3 + 3 (a \cdot Y) Y^\top A Y\),
     * \(E t^3 = m^3 + 3 m\, a^\top B a + 3 (m (b^\top A b + \operatorname{tr} AB) + 2 a^\top B A b)\).
     */
    static double cubicKernelMean(double[] a, double sa2, double[] b, double sb2) {
        int d = a.length;
        double m = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < d; c++) {
            m += a[c] * b[c];
            aa += a[c] * a[c];
            bb += b[c] * b[c];
        }
        double t2 = d * sa2 * sb2 + sa2 * bb + sb2 * aa + m * m;
        double t3 = m * m * m + 3 * m * sb2 * aa + 3 * (m * (sa2 * bb + d * sa2 * sb2) + 2 * sa2 * sb2 * m);
        return t3 / ((double) d * d * d) + 3 * t2 / ((double) d * d) + 3 * m / d + 1;
    }

    /** @return the population MMD² with the cubic kernel between N(SHIFT, SCALE² I₄) and N(0, I₄) */
    static double populationMmd2() {
        double[] zero = constant(4, 0);
        double s2 = SCALE * SCALE;
        return cubicKernelMean(SHIFT, s2, SHIFT, s2) + cubicKernelMean(zero, 1, zero, 1)
                - 2 * cubicKernelMean(SHIFT, s2, zero, 1);
    }

    /** The scales of Vendi's rows x = scale ⊙ z, z ~ N(0, I₄): an anisotropic cloud, VS about 3.2 of 4. */
    static final double[] VENDI_SCALE = {1, 0.7, 0.4, 0.2};

    /**
     * @param rng the stream
     * @param rows the rows of the Monte Carlo
     * @return the population Vendi score with the cosine kernel: exp entropy of the eigenvalues of E[x̂x̂ᵀ], which
     *     is diagonal by the sign symmetry of each coordinate
     */
    static double populationVendi(UniformRandomProvider rng, int rows) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = VENDI_SCALE.length;
        double[] diagonal = new double[d];
        double[] x = new double[d];
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int c = 0; c < d; c++) {
                x[c] = VENDI_SCALE[c] * g.sample();
                norm += x[c] * x[c];
            }
            for (int c = 0; c < d; c++) {
                diagonal[c] += x[c] * x[c] / norm;
            }
        }
        for (int c = 0; c < d; c++) {
            diagonal[c] /= rows;
        }
        return VendiScore.score(diagonal);
    }

    /** Faithfulness: real rows N(0, I₃), synthetic N(0, AUTH_SCALE² I₃). */
    static final double AUTH_SCALE = 1.3;

    /**
     * @param steps the α grid's points
     * @return the population ΔP_α: with the real centre 0, \(q_\alpha^2\) is the α-quantile of χ²₃ and
     *     \(P_\alpha = F_{\chi^2_3}(q_\alpha^2 / s^2)\)
     */
    static double populationAlphaPrecision(int steps) {
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(3);
        double error = 0;
        for (int k = 0; k < steps; k++) {
            double alpha = (double) k / (steps - 1);
            double p = k == steps - 1 ? 1
                    : chi.cumulativeProbability(chi.inverseCumulativeProbability(alpha) / (AUTH_SCALE * AUTH_SCALE));
            error += Math.abs(p - alpha);
        }
        return 1 - 2 * error / (steps - 1);
    }

    static boolean holds(double lower, double upper, double value) {
        return lower <= value && value <= upper;
    }
}
