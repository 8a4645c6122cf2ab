package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;

/** The Monte Carlo null of the small-sample skewness and kurtosis tests (calibrated in LongCalibrationTest). */
class MonteCarloNullTest {
    private static final UniformContinuousDistribution UNIFORM = UniformContinuousDistribution.of(-1, 1);
    private static final CentralMoments MOMENTS = CentralMoments.uniform(-1, 1);

    @Test
    void smallSamplesGetASeededMonteCarloPValueOnTheGrid() {
        double[] x = sample(20, 1L);
        MonteCarloNull simulation = MonteCarloNull.of(UNIFORM, 199, 42L);
        TestResult k = MomentTests.kurtosis(x, MOMENTS, simulation);
        TestResult s = MomentTests.skewness(x, MOMENTS, simulation);
        for (TestResult t : new TestResult[] {k, s}) {
            assertThat(t.method()).isEqualTo(PValueMethod.ESTIMATE);
            double draws = t.pValue() * 200 - 1;
            assertThat(draws).isCloseTo(Math.rint(draws), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(t.pValue()).isBetween(1 / 200.0, 1.0);
        }
        assertThat(k.statistic()).isEqualTo(MomentTests.kurtosis(x, MOMENTS).statistic());
        assertThat(MomentTests.kurtosis(x, MOMENTS, simulation).pValue()).isEqualTo(k.pValue());
    }

    @Test
    void anExtremeSampleGetsTheSmallestPValue() {
        double[] x = new double[30];
        x[0] = 1;
        assertThat(MomentTests.skewness(x, MOMENTS, MonteCarloNull.of(UNIFORM, 99, 3L)).pValue()).isEqualTo(0.01);
    }

    @Test
    void largeSamplesKeepTheAsymptoticPValue() {
        double[] x = sample(501, 2L);
        TestResult t = MomentTests.skewness(x, MOMENTS, MonteCarloNull.of(UNIFORM, 99, 3L));
        TestResult asymptotic = MomentTests.skewness(x, MOMENTS);
        assertThat(t.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
        assertThat(t.pValue()).isEqualTo(asymptotic.pValue());
        assertThat(MomentTests.skewness(x, MOMENTS, MonteCarloNull.of(UNIFORM, 99, 3L).withMaxSampleSize(600)).method())
                .isEqualTo(PValueMethod.ESTIMATE);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> MonteCarloNull.of(UNIFORM, 0, 1L)).isInstanceOf(InvalidInputException.class)
                .hasMessage("draws is not at least 1: 0");
        assertThatThrownBy(() -> MonteCarloNull.of(UNIFORM, 9, 1L).withMaxSampleSize(-1))
                .isInstanceOf(InvalidInputException.class).hasMessage("maxSampleSize is not at least 0: -1");
    }

    private static double[] sample(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        return x;
    }
}
