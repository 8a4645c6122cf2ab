package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Input rules, messages and method labels of the stats package. */
class StatsValidationTest {
    private static final double[] EIGHT = {0.1, -0.4, 1.3, 0.7, -2.1, 0.05, 0.9, -0.6};

    @Test
    void momentTestsRefuseShortOrNonFiniteSamples() {
        CentralMoments ref = CentralMoments.gaussian(0, 1);
        assertThatThrownBy(() -> MomentTests.mean(new double[] {1}, ref)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sample size is not at least 2: 1");
        assertThatThrownBy(() -> MomentTests.skewness(new double[7], ref)).hasMessage("sample size is not at least 8: 7");
        assertThatThrownBy(() -> MomentTests.kurtosis(new double[4], ref)).hasMessage("sample size is not at least 5: 4");
        assertThatThrownBy(() -> MomentTests.variance(new double[] {1, Double.NaN}, ref))
                .isInstanceOf(InvalidInputException.class).hasMessage("sample value is not finite: x[1] = NaN");
        assertThatThrownBy(() -> MomentTests.mean(new double[] {Double.NEGATIVE_INFINITY, 1}, ref))
                .hasMessage("sample value is not finite: x[0] = -Infinity");
        assertThatThrownBy(() -> MomentTests.skewness(new double[8], ref)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sample variance is not strictly positive: 0.0");
        assertThatThrownBy(() -> MomentTests.mean(null, ref)).hasMessage("sample is null");
    }

    @Test
    void centralMomentsRefuseBadParameters() {
        assertThatThrownBy(() -> CentralMoments.gaussian(0, -1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sd is not strictly positive and finite: -1.0");
        assertThatThrownBy(() -> CentralMoments.gaussian(Double.NaN, 1)).hasMessage("mean is not finite: NaN");
        assertThatThrownBy(() -> CentralMoments.uniform(1, 1)).hasMessage("b is not strictly above a: 1.0 <= 1.0");
        assertThatThrownBy(() -> CentralMoments.truncatedNormal(Double.NaN))
                .hasMessage("tau is not strictly positive and finite: NaN");
        assertThatThrownBy(() -> CentralMoments.sphereMarginal(1)).hasMessage("d is not at least 2: 1");
        assertThatThrownBy(() -> CentralMoments.of(0, 1, 0.5, 15, 105))
                .hasMessage("mu4 is not at least mu2^2 (1.0): 0.5");
        assertThatThrownBy(() -> CentralMoments.of(0, 1, 3, 15, 8))
                .hasMessage("mu8 is not at least mu4^2 (9.0): 8.0");
    }

    @Test
    void twoPointReferenceIsRefusedByTheKurtosisTest() {
        CentralMoments rademacher = CentralMoments.of(0, 1, 1, 1, 1);
        assertThat(rademacher.isGaussian()).isFalse();
        assertThat(MomentTests.variance(EIGHT, rademacher).method()).isEqualTo(PValueMethod.ASYMPTOTIC);
        assertThatThrownBy(() -> MomentTests.kurtosis(EIGHT, rademacher))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reference moments give n Var(b2) that is not strictly positive: 0.0");
    }

    @Test
    void deltaMethodVariancesReduceToTheNormalOnesForGaussianMoments() {
        CentralMoments asMoments = CentralMoments.of(0, 1, 3, 15, 105);
        double[] x = EIGHT;
        double g1 = MomentTests.sampleSkewness(x);
        assertThat(MomentTests.skewness(x, asMoments).statistic()).isCloseTo(g1 / Math.sqrt(6.0 / 8), within(1e-15));
        double b2 = MomentTests.sampleKurtosis(x);
        assertThat(MomentTests.kurtosis(x, asMoments).statistic()).isCloseTo((b2 - 3) / Math.sqrt(24.0 / 8),
                within(1e-15));
    }

    @Test
    void tinyPValuesAreReportedNotRoundedToZero() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.2 + Math.sin(i);
        }
        TestResult r = MomentTests.mean(x, CentralMoments.gaussian(0, 1));
        assertThat(r.pValue()).isPositive().isLessThan(1e-200);
        assertThat(r.method()).isEqualTo(PValueMethod.EXACT);
        assertThat(MomentTests.mean(x, CentralMoments.uniform(-1, 1)).method()).isEqualTo(PValueMethod.ASYMPTOTIC);
    }

    @Test
    void oneSampleKsMethodFollowsTheTailsAlgorithm() {
        assertThat(KolmogorovSmirnov.result(0.3, KolmogorovDistribution.twoSided(0.3, 100)).method())
                .isEqualTo(PValueMethod.EXACT);
        assertThat(KolmogorovSmirnov.result(0.05, KolmogorovDistribution.twoSided(0.05, 1000)).method())
                .isEqualTo(PValueMethod.EXACT);
        assertThat(KolmogorovSmirnov.result(0.001, KolmogorovDistribution.twoSided(0.001, 200000)).method())
                .isEqualTo(PValueMethod.ASYMPTOTIC);
        // n d^2 = 20: 2 P+ within Harris' bound P+/2 ~ 2e-18
        assertThat(KolmogorovSmirnov.result(0.01, KolmogorovDistribution.twoSided(0.01, 200000)).method())
                .isEqualTo(PValueMethod.EXACT);
        KolmogorovDistribution.Tail tiny = KolmogorovDistribution.twoSided(0.9999, 1000);
        TestResult underflow = KolmogorovSmirnov.result(0.9999, tiny);
        assertThat(underflow.method()).isEqualTo(PValueMethod.EXACT);
        assertThat(underflow.pValue()).isZero();
        // 2 (1 - d)^n exactly for d >= 1 - 1/n
        assertThat(underflow.logPValue()).isCloseTo(Math.log(2) + 1000 * Math.log1p(-0.9999), within(1e-11));
        NormalDistribution normal = NormalDistribution.of(0, 1);
        TestResult r = KolmogorovSmirnov.oneSample(EIGHT, normal::cumulativeProbability);
        assertThat(r.name()).isEqualTo("ks");
        assertThat(r.method()).isEqualTo(PValueMethod.EXACT);
        assertThatThrownBy(() -> KolmogorovSmirnov.oneSample(new double[] {Double.NaN, 1}, normal::cumulativeProbability))
                .isInstanceOf(InvalidInputException.class).hasMessage("sample value is not finite: x[0] = NaN");
    }

    @Test
    void logPValueSurvivesUnderflowRenamingAndAdjustment() {
        TestResult tiny = TestResult.ofLog("ks", 0.9, -2000, PValueMethod.EXACT);
        assertThat(tiny.pValue()).isZero();
        assertThat(tiny.logPValue()).isEqualTo(-2000);
        TestResult renamed = tiny.withName("z3").withAdjustedPValue(0);
        assertThat(renamed.name()).isEqualTo("z3");
        assertThat(renamed.logPValue()).isEqualTo(-2000);
        assertThat(renamed.method()).isEqualTo(PValueMethod.EXACT);
        assertThat(TestResult.of("t", 1, 0.25, PValueMethod.ASYMPTOTIC).logPValue()).isEqualTo(Math.log(0.25));
        double[] far = new double[1000];
        for (int i = 0; i < far.length; i++) {
            far[i] = 5 + i * 1e-3;
        }
        // every value in the upper tail: D = F(5) = 1 - 2.9e-7 and p = 2 (1 - D)^n = 2 (2.9e-7)^1000
        // underflows; log p ~ -15000 does not (at 30, F = 1 in double, so D = 1 and p = 0 exactly)
        TestResult ks = KolmogorovSmirnov.oneSample(far, NormalDistribution.of(0, 1)::cumulativeProbability);
        assertThat(ks.pValue()).isZero();
        double d = NormalDistribution.of(0, 1).cumulativeProbability(5);
        assertThat(ks.statistic()).isEqualTo(d);
        assertThat(ks.logPValue()).isCloseTo(Math.log(2) + 1000 * Math.log1p(-d), within(1e-7));
    }

    @Test
    void oneSampleKsStatisticIsCommonsStatistics() {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double[] shifted = new double[2001];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = 0.3 + Math.sin(7.0 * i) * 2;
        }
        // ties, values in the tails (CDF 0 or 1 in double: one bucket holds many values), a short sample
        double[][] samples = {EIGHT, shifted, {-40, -40, -39, 0, 0, 39, 40, 41}, {0.5, -0.5}};
        for (double[] x : samples) {
            for (Alternative h1 : Alternative.values()) {
                org.apache.commons.statistics.inference.AlternativeHypothesis commons = switch (h1) {
                    case TWO_SIDED -> org.apache.commons.statistics.inference.AlternativeHypothesis.TWO_SIDED;
                    case GREATER -> org.apache.commons.statistics.inference.AlternativeHypothesis.GREATER_THAN;
                    case LESS -> org.apache.commons.statistics.inference.AlternativeHypothesis.LESS_THAN;
                };
                double expected = org.apache.commons.statistics.inference.KolmogorovSmirnovTest.withDefaults()
                        .with(commons).statistic(x, normal::cumulativeProbability);
                assertThat(KolmogorovSmirnov.statistic(x, normal::cumulativeProbability, h1)).as(h1 + " n=" + x.length)
                        .isEqualTo(expected);
            }
        }
        assertThatThrownBy(() -> KolmogorovSmirnov.oneSample(new double[] {1, 2}, v -> v))
                .isInstanceOf(InvalidInputException.class).hasMessage("cdf value is not in [0, 1]: cdf(x[1] = 2.0) = 2.0");
    }

    @Test
    void twoSampleKsFlagsTiesAndLabelsTheMethod() {
        KolmogorovSmirnovTwoSampleResult tied = KolmogorovSmirnov.twoSample(new double[] {1, 2, 2, 3}, new double[] {2, 2, 4});
        assertThat(tied.hasTies()).isTrue();
        assertThat(tied.result().method()).isEqualTo(PValueMethod.EXACT);
        assertThat(tied.result().name()).isEqualTo("ks2");
        KolmogorovSmirnovTwoSampleResult distinct = KolmogorovSmirnov.twoSample(EIGHT, new double[] {0.2, 0.3, 5});
        assertThat(distinct.hasTies()).isFalse();
        double[] big = new double[10_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        assertThat((long) big.length * big.length).isGreaterThan(KolmogorovSmirnov.TWO_SAMPLE_EXACT_MAX_CELLS);
        assertThat(KolmogorovSmirnov.twoSample(big, big).result().method()).isEqualTo(PValueMethod.ASYMPTOTIC);
        assertThat(KolmogorovSmirnov.twoSample(big, EIGHT).result().method()).isEqualTo(PValueMethod.EXACT);
        assertThatThrownBy(() -> KolmogorovSmirnov.twoSample(EIGHT, new double[] {1}))
                .hasMessage("sample size is not at least 2: 1");
    }

    @Test
    void radixSortedCopyMatchesArraysSort() {
        org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.XO_SHI_RO_256_PP.create(3L);
        double[] x = new double[100_000];
        double[] special = {-0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1, -1};
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 800 ? special[i % special.length] : i % 3 == 0 ? Math.rint((rng.nextDouble() - 0.5) * 20) : (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(40) - 20);
        }
        double[] expected = x.clone();
        java.util.Arrays.sort(expected);
        double[] actual = KolmogorovSmirnov.sortedCopy(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("index %d", i).isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }
}
