package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-sample statistic, computed by bucketing the CDF values without sorting them, equals bit for
 * bit the sorted scan of Commons Statistics' {@link KolmogorovSmirnovTest#statistic}, for the three
 * alternatives: on continuous samples, on ties, on CDF values on the bucket edges, and on buckets whose
 * values span almost their whole width (where it falls back to sorting).
 */
class KolmogorovSmirnovStatisticTest {
    private static final DoubleUnaryOperator NORMAL = NormalDistribution.of(0, 1)::cumulativeProbability;
    private static final DoubleUnaryOperator UNIFORM = v -> Math.min(1, Math.max(0, v));

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 100, 1000, 2049, 4097, 100_000, 300_001})
    void continuousSamplesMatchTheSortedScan(int n) {
        for (double shift : new double[] {0, 0.003, 0.5}) {
            double[] x = normal(n, 17L * n, shift);
            assertSameAsCommons(x, NORMAL, "n = " + n + ", shift = " + shift);
        }
    }

    @Test
    void tiesMatchTheSortedScan() {
        double[] x = normal(50_000, 3, 0.01);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.rint(x[i] * 10) / 10;
        }
        assertSameAsCommons(x, NORMAL, "values rounded to 0.1");
    }

    @Test
    void valuesOnTheBucketEdgesMatchTheSortedScan() {
        int n = 1000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) (i * 7 % n) / n;
        }
        x[0] = 1;
        x[1] = 0;
        assertSameAsCommons(x, UNIFORM, "CDF values i/n, 0 and 1");
    }

    @Test
    void bucketsSpanningTheirWidthFallBackToSorting() {
        double[] x = {0.25, Math.nextDown(0.5), 0.5, 0.75};
        assertSameAsCommons(x, UNIFORM, "two values spanning bucket [1/4, 1/2)");
        double[] y = {0.0, 0.9, Math.nextDown(1.0), 1.0, 0.1};
        assertSameAsCommons(y, UNIFORM, "the last bucket holding 1");
    }

    private static void assertSameAsCommons(double[] x, DoubleUnaryOperator cdf, String cas) {
        KolmogorovSmirnovTest commons = KolmogorovSmirnovTest.withDefaults();
        assertThat(KolmogorovSmirnov.statistic(x, cdf, Alternative.TWO_SIDED)).as(cas + ", two-sided")
                .isEqualTo(commons.statistic(x, cdf));
        assertThat(KolmogorovSmirnov.statistic(x, cdf, Alternative.GREATER)).as(cas + ", D+")
                .isEqualTo(commons.with(AlternativeHypothesis.GREATER_THAN).statistic(x, cdf));
        assertThat(KolmogorovSmirnov.statistic(x, cdf, Alternative.LESS)).as(cas + ", D-")
                .isEqualTo(commons.with(AlternativeHypothesis.LESS_THAN).statistic(x, cdf));
    }

    private static double[] normal(int n, long seed, double shift) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = gaussian.sample() + shift;
        }
        return x;
    }
}
