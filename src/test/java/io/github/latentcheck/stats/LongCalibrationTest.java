package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The long calibration of issue #3, run by {@code mvn -Pcalibration verify} (tag {@code calibration},
 * excluded from the default build). For every test, sample size n ∈ {10, 100, 1000} and reference
 * (N(0, 1) and U(−√3, √3), both of unit variance): R = 10,000 seeded replicates under H0, whose
 * rejection count at α = 0.05 must lie in the exact 99.9 % binomial interval around the test's
 * nominal size; and the power under four alternatives (a 0.3 sd shift, a 1.3 scale, Student's t₃
 * scaled to unit variance, and the other family), published, not asserted. The permutation tests
 * (k-sample AD, MMD, energy, B = 199) run R = 2,000 replicates at n ∈ {10, 50}; their nominal size
 * is \(P(p &lt; 0.05) = 9/200 = 0.045\), exactly, and so is that of the skewness and kurtosis tests at
 * n ≤ 500, whose p-values come from a seeded Monte Carlo null with B = 199 ({@link MonteCarloNull}).
 * The Jarque–Bera and K² tests (Gaussian reference only) are Monte Carlo at n ≤ 500 too; Henze–Zirkler and
 * Mardia's tests run on n rows of N(0, I_3) (n·3 values), like the permutation tests with R = 2,000 at
 * n ∈ {10, 50}, with their Monte Carlo null (B = 199, size 0.045); a second test shows the asymptotic
 * approximations they replace at n = 10 below the interval around 0.05.
 * The exact two-sample KS test is discrete: its size is the attainable
 * \(\alpha^* = P_{H_0}(p &lt; 0.05)\) ({@link KolmogorovSmirnov#twoSampleAttainableSize}), e.g. 0.0123 at
 * n = m = 10. A case whose size is off fails, naming its rate. Replicates are split into blocks of
 * 500 on jumped random streams, so the counts do not depend on the thread count.
 */
@Tag("calibration")
class LongCalibrationTest {
    private static final int R = 10_000;
    private static final int R_PERMUTATION = 2_000;
    private static final int B = 199;
    private static final int BLOCK = 500;
    private static final double ALPHA = 0.05;
    private static final double COVERAGE = 0.999;
    private static final double SQRT3 = Math.sqrt(3);
    /** The dimension of the multivariate normality tests' samples. */
    private static final int DIMENSION = 3;

    /** A reference with unit variance. */
    enum Ref {
        GAUSSIAN(NormalDistribution.of(0, 1), CentralMoments.gaussian(0, 1)),
        UNIFORM(UniformContinuousDistribution.of(-SQRT3, SQRT3), CentralMoments.uniform(-SQRT3, SQRT3));

        final ContinuousDistribution distribution;
        final CentralMoments moments;

        Ref(ContinuousDistribution distribution, CentralMoments moments) {
            this.distribution = distribution;
            this.moments = moments;
        }

        double draw(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
            return this == GAUSSIAN ? gauss.sample() : SQRT3 * (2 * rng.nextDouble() - 1);
        }
    }

    /** What a replicate draws: the null or an alternative. */
    enum Scenario {
        NULL, SHIFT, SCALE, T3, OTHER_FAMILY;

        double[] sample(Ref ref, int n, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                switch (this) {
                    case SHIFT:
                        x[i] = ref.draw(rng, gauss) + 0.3;
                        break;
                    case SCALE:
                        x[i] = 1.3 * ref.draw(rng, gauss);
                        break;
                    case T3: {
                        double chi2 = 0;
                        for (int k = 0; k < 3; k++) {
                            double g = gauss.sample();
                            chi2 += g * g;
                        }
                        x[i] = gauss.sample() / Math.sqrt(chi2 / 3) / SQRT3;
                        break;
                    }
                    case OTHER_FAMILY:
                        x[i] = (ref == Ref.GAUSSIAN ? Ref.UNIFORM : Ref.GAUSSIAN).draw(rng, gauss);
                        break;
                    default:
                        x[i] = ref.draw(rng, gauss);
                        break;
                }
            }
            return x;
        }
    }

    /** A test: one sample against the reference, or two samples (the second drawn from the reference). */
    enum Statistic {
        KS(1, (s, ref) -> KolmogorovSmirnov.oneSample(s[0], ref.distribution::cumulativeProbability)),
        AD(1, (s, ref) -> AndersonDarling.oneSample(s[0], ref.distribution)),
        CVM(1, (s, ref) -> CramerVonMises.oneSample(s[0], ref.distribution)),
        MEAN(1, (s, ref) -> MomentTests.mean(s[0], ref.moments)),
        VARIANCE(1, (s, ref) -> MomentTests.variance(s[0], ref.moments)),
        SKEWNESS(1, (s, ref) -> MomentTests.skewness(s[0], ref.moments,
                MonteCarloNull.of(ref.distribution, B, Double.doubleToLongBits(s[0][0])))),
        KURTOSIS(1, (s, ref) -> MomentTests.kurtosis(s[0], ref.moments,
                MonteCarloNull.of(ref.distribution, B, Double.doubleToLongBits(s[0][0])))),
        AD_NORMAL(1, (s, ref) -> AndersonDarling.normality(s[0])),
        JARQUE_BERA(1, (s, ref) -> MomentTests.jarqueBera(s[0],
                MonteCarloNull.of(ref.distribution, B, Double.doubleToLongBits(s[0][0])))),
        K2(1, (s, ref) -> MomentTests.dagostinoPearson(s[0],
                MonteCarloNull.of(ref.distribution, B, Double.doubleToLongBits(s[0][0])))),
        HENZE_ZIRKLER(1, (s, ref) -> Multivariate.henzeZirkler(s[0], DIMENSION, multivariateNull(s))),
        MARDIA_SKEWNESS(1, (s, ref) -> Multivariate.mardiaSkewness(s[0], DIMENSION, multivariateNull(s))),
        MARDIA_KURTOSIS(1, (s, ref) -> Multivariate.mardiaKurtosis(s[0], DIMENSION, multivariateNull(s))),
        KS2(2, (s, ref) -> KolmogorovSmirnov.twoSample(s[0], s[1]).result()),
        CVM2(2, (s, ref) -> CramerVonMises.twoSample(s[0], s[1])),
        AD_K(2, (s, ref) -> AndersonDarling.kSample(List.of(s[0], s[1]), Permutations.of(B, seedOf(s)))),
        MMD(2, (s, ref) -> TwoSampleDistance.mmd(s[0], s[1], 1, Permutations.of(B, seedOf(s)))),
        ENERGY(2, (s, ref) -> TwoSampleDistance.energy(s[0], s[1], 1, Permutations.of(B, seedOf(s))));

        final int samples;
        final BiFunction<double[][], Ref, TestResult> test;

        Statistic(int samples, BiFunction<double[][], Ref, TestResult> test) {
            this.samples = samples;
            this.test = test;
        }

        boolean permutation() {
            return this == AD_K || this == MMD || this == ENERGY || multivariate();
        }

        /** @return whether a sample is n rows of {@link #DIMENSION} coordinates (n·d values) */
        boolean multivariate() {
            return this == HENZE_ZIRKLER || this == MARDIA_SKEWNESS || this == MARDIA_KURTOSIS;
        }

        /** @return whether the test is of normality only (no uniform reference) */
        boolean normalityOnly() {
            return this == AD_NORMAL || this == JARQUE_BERA || this == K2 || multivariate();
        }

        private static MonteCarloNull multivariateNull(double[][] s) {
            return MonteCarloNull.of(NormalDistribution.of(0, 1), B, Double.doubleToLongBits(s[0][0]))
                    .withMaxSampleSize(Multivariate.MONTE_CARLO_MAX_ROWS);
        }

        /**
         * @param n the sample size
         * @return the exact size of the test at {@link #ALPHA}: \(\lceil \alpha(B+1) - 1 \rceil / (B+1)\) for a
         *     Monte Carlo p-value (skewness and kurtosis at n ≤ 500), the attainable size of the discrete
         *     exact two-sample KS test, otherwise α
         */
        double size(int n) {
            boolean monteCarlo = (this == SKEWNESS || this == KURTOSIS || this == JARQUE_BERA || this == K2)
                    && n <= MonteCarloNull.DEFAULT_MAX_SAMPLE_SIZE;
            if (permutation() || monteCarlo) {
                return Math.ceil(ALPHA * (B + 1) - 1) / (B + 1);
            }
            if (this == KS2) {
                return KolmogorovSmirnov.twoSampleAttainableSize(n, n, Alternative.TWO_SIDED, ALPHA);
            }
            return ALPHA;
        }

        /** A permutation seed derived from the data, so that replicates use distinct streams. */
        private static long seedOf(double[][] s) {
            return Double.doubleToLongBits(s[0][0]) ^ Double.doubleToLongBits(s[1][0]);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Statistic statistic : Statistic.values()) {
            for (Ref ref : Ref.values()) {
                if (statistic.normalityOnly() && ref != Ref.GAUSSIAN) {
                    continue;
                }
                for (int n : statistic.permutation() ? new int[] {10, 50} : new int[] {10, 100, 1000}) {
                    cases.add(Arguments.of(statistic, ref, n));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} against {1}, n = {2}")
    @MethodSource("cases")
    void isCalibratedUnderH0(Statistic statistic, Ref ref, int n, TestReporter reporter) {
        int replicates = statistic.permutation() ? R_PERMUTATION : R;
        double size = statistic.size(n);
        long seed = 31L * (31L * statistic.ordinal() + ref.ordinal()) + n;
        StringBuilder power = new StringBuilder();
        int nullCount = 0;
        for (Scenario scenario : Scenario.values()) {
            int count = rejections(statistic, ref, n, scenario, replicates, seed * 7 + scenario.ordinal());
            if (scenario == Scenario.NULL) {
                nullCount = count;
            } else {
                power.append(scenario).append('=').append((double) count / replicates).append(' ');
            }
        }
        BinomialDistribution nullDistribution = BinomialDistribution.of(replicates, size);
        int lower = nullDistribution.inverseCumulativeProbability((1 - COVERAGE) / 2);
        int upper = nullDistribution.inverseCumulativeProbability(1 - (1 - COVERAGE) / 2);
        reporter.publishEntry("H0 rate", String.valueOf((double) nullCount / replicates));
        reporter.publishEntry("size", String.valueOf(size));
        reporter.publishEntry("power", power.toString().strip());
        assertThat(nullCount).as("%s against %s at n = %d: %d rejections under H0 out of %d (rate %.4f, nominal %.4f)",
                statistic, ref, n, nullCount, replicates, (double) nullCount / replicates, size)
                .isBetween(lower, upper);
    }

    /**
     * Why Henze–Zirkler and Mardia's tests take the Monte Carlo null at small n (issue 14): at n = 10, d = 3 the
     * asymptotic approximations are far off, below the 99.9 % binomial interval around α = 0.05 over R
     * replicates (measured: Henze–Zirkler's log-normal 0.030, Mardia's kurtosis z 0).
     */
    @ParameterizedTest(name = "{0} asymptotic at n = 10")
    @EnumSource(value = Statistic.class, names = {"HENZE_ZIRKLER", "MARDIA_KURTOSIS"})
    void multivariateAsymptoticsAreConservativeAtTenRows(Statistic statistic, TestReporter reporter) {
        int n = 10;
        List<UniformRandomProvider> streams = Tasks.streams(977L + statistic.ordinal(), R / BLOCK);
        int[] counts = new int[streams.size()];
        Tasks.run(streams.size(), Tasks.defaultThreads(), b -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(streams.get(b));
            for (int r = 0; r < BLOCK; r++) {
                double[] rows = new double[n * DIMENSION];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = gauss.sample();
                }
                TestResult t = statistic == Statistic.HENZE_ZIRKLER ? Multivariate.henzeZirkler(rows, DIMENSION)
                        : Multivariate.mardiaKurtosis(rows, DIMENSION);
                counts[b] += t.pValue() < ALPHA ? 1 : 0;
            }
        });
        int total = Arrays.stream(counts).sum();
        int lower = BinomialDistribution.of(R, ALPHA).inverseCumulativeProbability((1 - COVERAGE) / 2);
        reporter.publishEntry("asymptotic H0 rate", String.valueOf((double) total / R));
        assertThat(total).as("%s asymptotic at n = 10: rate %.4f", statistic, (double) total / R).isLessThan(lower);
    }

    private static int rejections(Statistic statistic, Ref ref, int n, Scenario scenario, int replicates, long seed) {
        int blocks = (replicates + BLOCK - 1) / BLOCK;
        List<UniformRandomProvider> streams = Tasks.streams(seed, blocks);
        int[] counts = new int[blocks];
        Tasks.run(blocks, Tasks.defaultThreads(), b -> {
            UniformRandomProvider rng = streams.get(b);
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            int end = Math.min(replicates, (b + 1) * BLOCK);
            for (int r = b * BLOCK; r < end; r++) {
                int values = statistic.multivariate() ? n * DIMENSION : n;
                double[][] s = statistic.samples == 1
                        ? new double[][] {scenario.sample(ref, values, rng, gauss)}
                        : new double[][] {scenario.sample(ref, n, rng, gauss), Scenario.NULL.sample(ref, n, rng, gauss)};
                counts[b] += statistic.test.apply(s, ref).pValue() < ALPHA ? 1 : 0;
            }
        });
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }
}
