package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded calibration of the tests themselves (the reference-value tests only check that the formulas
 * are implemented as written): under H0 each test's rejection rate at alpha = 0.05 over R = 2000
 * samples of n = 200 must lie in the exact 99.9 % binomial interval around 0.05, [69, 133]
 * rejections; under a known alternative it must reject at least 90 % of the time.
 *
 * <p>False-failure rate: for a test of exact size 0.05, a count falls outside [69, 133] with
 * probability 0.083 % ({@link #intervalHasTheStatedCoverage()} computes it); over the 21 null
 * checks here and the composite-normality one the chance that some check fails for a new seed is at
 * most 1.9 %. With the fixed seeds
 * the outcome is deterministic. A test whose true size at n = 200 is off (an asymptotic test) fails
 * here on purpose.
 */
class CalibrationTest {
    private static final int R = 2000;
    private static final int N = 200;
    private static final double ALPHA = 0.05;
    private static final double COVERAGE = 0.999;
    private static final double MIN_POWER = 0.9;
    private static final BinomialDistribution NULL_COUNT = BinomialDistribution.of(R, ALPHA);
    private static final int LOWER = NULL_COUNT.inverseCumulativeProbability((1 - COVERAGE) / 2);
    private static final int UPPER = NULL_COUNT.inverseCumulativeProbability(1 - (1 - COVERAGE) / 2);

    /** A reference distribution: its moments, CDF and a sampler. */
    enum Ref {
        GAUSSIAN(CentralMoments.gaussian(0, 1), NormalDistribution.of(0, 1)),
        UNIFORM(CentralMoments.uniform(-1, 1), UniformContinuousDistribution.of(-1, 1)),
        TRUNCATED_NORMAL(CentralMoments.truncatedNormal(2), TruncatedNormalDistribution.of(0, 1, -2, 2));

        final CentralMoments moments;
        final ContinuousDistribution distribution;
        final DoubleUnaryOperator cdf;

        Ref(CentralMoments moments, ContinuousDistribution distribution) {
            this.moments = moments;
            this.distribution = distribution;
            this.cdf = distribution::cumulativeProbability;
        }

        double sd() {
            return Math.sqrt(moments.mu2());
        }

        double[] sample(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                switch (this) {
                    case GAUSSIAN:
                        x[i] = gauss.sample();
                        break;
                    case UNIFORM:
                        x[i] = 2 * rng.nextDouble() - 1;
                        break;
                    default:
                        double z;
                        do {
                            z = gauss.sample();
                        } while (Math.abs(z) > 2);
                        x[i] = z;
                        break;
                }
            }
            return x;
        }
    }

    /** A test under calibration and the alternative it must detect. */
    enum Statistic {
        MEAN((x, ref) -> MomentTests.mean(x, ref.moments)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                return shift(x, 0.3 * ref.sd());
            }
        },
        VARIANCE((x, ref) -> MomentTests.variance(x, ref.moments)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                double[] y = x.clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] *= 1.3;
                }
                return y;
            }
        },
        SKEWNESS((x, ref) -> MomentTests.skewness(x, ref.moments)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                double[] y = x.clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] += 0.5 * y[i] * y[i] / ref.sd();
                }
                return y;
            }
        },
        KURTOSIS((x, ref) -> MomentTests.kurtosis(x, ref.moments)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                return (ref == Ref.UNIFORM ? Ref.GAUSSIAN : Ref.UNIFORM).sample(rng, g);
            }
        },
        KS((x, ref) -> KolmogorovSmirnov.oneSample(x, ref.cdf)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                return shift(x, 0.3 * ref.sd());
            }
        },
        AD((x, ref) -> AndersonDarling.oneSample(x, ref.distribution)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                return shift(x, 0.3 * ref.sd());
            }
        },
        CVM((x, ref) -> CramerVonMises.oneSample(x, ref.distribution)) {
            @Override
            double[] alternative(double[] x, Ref ref, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian g) {
                return shift(x, 0.3 * ref.sd());
            }
        };

        /** The statistics calibrated before the battery, whose seeds must not move. */
        static final int ORIGINAL = 5;

        private final BiFunction<double[], Ref, TestResult> test;

        Statistic(BiFunction<double[], Ref, TestResult> test) {
            this.test = test;
        }

        abstract double[] alternative(double[] x, Ref ref, UniformRandomProvider rng,
                ZigguratSampler.NormalizedGaussian g);

        private static double[] shift(double[] x, double by) {
            double[] y = x.clone();
            for (int i = 0; i < y.length; i++) {
                y[i] += by;
            }
            return y;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Ref ref : Ref.values()) {
            for (Statistic statistic : Statistic.values()) {
                long seed = statistic.ordinal() < Statistic.ORIGINAL
                        ? 20240601L + Statistic.ORIGINAL * ref.ordinal() + statistic.ordinal()
                        : 20251123L + 10L * ref.ordinal() + statistic.ordinal();
                cases.add(Arguments.of(ref, statistic, seed));
            }
        }
        return cases.stream();
    }

    @Test
    void intervalHasTheStatedCoverage() {
        assertThat(LOWER).isEqualTo(69);
        assertThat(UPPER).isEqualTo(133);
        double falseFailure = NULL_COUNT.cumulativeProbability(LOWER - 1) + NULL_COUNT.survivalProbability(UPPER);
        assertThat(falseFailure).isLessThan(1 - COVERAGE).isGreaterThan(0.0008);
    }

    /**
     * Anderson–Darling with estimated mean and sd under H0 (any normal: here N(3, 2²)), and its power
     * against the uniform.
     */
    @Test
    void compositeNormalityIsCalibratedAndDetectsTheUniform(TestReporter reporter) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20251199L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int nullRejections = 0;
        int alternativeRejections = 0;
        for (int r = 0; r < R; r++) {
            double[] x = Ref.GAUSSIAN.sample(rng, gauss);
            for (int i = 0; i < x.length; i++) {
                x[i] = 3 + 2 * x[i];
            }
            nullRejections += AndersonDarling.normality(x).pValue() < ALPHA ? 1 : 0;
            alternativeRejections += AndersonDarling.normality(Ref.UNIFORM.sample(rng, gauss)).pValue() < ALPHA ? 1 : 0;
        }
        reporter.publishEntry("ad-normal rejection rate under H0", String.valueOf((double) nullRejections / R));
        reporter.publishEntry("ad-normal power against U(-1, 1)", String.valueOf((double) alternativeRejections / R));
        assertThat(nullRejections).isBetween(LOWER, UPPER);
        assertThat(alternativeRejections).isGreaterThanOrEqualTo((int) (MIN_POWER * R));
    }

    @ParameterizedTest(name = "{1} against {0}")
    @MethodSource("cases")
    void rejectsAtTheNominalRateUnderH0AndDetectsTheAlternative(Ref ref, Statistic statistic, long seed,
            TestReporter reporter) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int nullRejections = 0;
        int alternativeRejections = 0;
        for (int r = 0; r < R; r++) {
            double[] x = ref.sample(rng, gauss);
            if (statistic.test.apply(x, ref).pValue() < ALPHA) {
                nullRejections++;
            }
            if (statistic.test.apply(statistic.alternative(x, ref, rng, gauss), ref).pValue() < ALPHA) {
                alternativeRejections++;
            }
        }
        reporter.publishEntry("rejection rate under H0", String.valueOf((double) nullRejections / R));
        reporter.publishEntry("power", String.valueOf((double) alternativeRejections / R));
        assertThat(nullRejections).as("%s against %s: rejections under H0 out of %d (rate %.4f)", statistic, ref,
                R, (double) nullRejections / R).isBetween(LOWER, UPPER);
        assertThat(alternativeRejections).as("%s against %s: rejections under the alternative out of %d (power %.4f)",
                statistic, ref, R, (double) alternativeRejections / R).isGreaterThanOrEqualTo((int) (MIN_POWER * R));
    }
}
