package io.github.latentcheck.stats;

import static io.github.latentcheck.RingDraws.ring;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Samples;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Under the null (training, held-out and generated rows all drawn from one ring-of-8 Gaussian
 * mixture), the rescaled data-copying statistic Z is approximately N(0, 1): its one-sided rejection
 * rate at 0.05 lies in the central 99.9% binomial interval and its mean and variance lie within 4
 * standard errors of 0 and 1, so this test fails with about 0.2% probability for a correct
 * implementation (it is seeded, so it either always passes or always fails).
 */
class DataCopyingCalibrationTest {
    static final int REPETITIONS = 200;

    @Test
    void rescaledStatisticIsStandardNormalUnderTheNull(TestReporter reporter) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20260101L);
        int rejected = 0;
        double sum = 0;
        double squares = 0;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            DataCopying.Result r = DataCopying.withDefaults().withSeed(rng.nextLong()).withThreads(1)
                    .test(ring(rng, 600, 0.2), ring(rng, 400, 0.2), ring(rng, 500, 0.2));
            rejected += r.pValue() < 0.05 ? 1 : 0;
            sum += r.z();
            squares += r.z() * r.z();
        }
        double mean = sum / REPETITIONS;
        double variance = squares / REPETITIONS - mean * mean;
        BinomialDistribution null05 = BinomialDistribution.of(REPETITIONS, 0.05);
        reporter.publishEntry("rejections at 0.05", rejected + " of " + REPETITIONS);
        reporter.publishEntry("mean, variance of Z", mean + ", " + variance);
        assertThat(rejected).isBetween(null05.inverseCumulativeProbability(0.0005),
                null05.inverseCumulativeProbability(0.9995));
        // mean: sd 1/sqrt(200) = 0.071, bound 4 sd; variance: sd about sqrt(2/200) = 0.1, bound 4 sd
        assertThat(mean).isBetween(-0.28, 0.28);
        assertThat(variance).isBetween(0.6, 1.4);
    }

    @Test
    void copiedTrainingRowsDriveTheStatisticFarBelowZero() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(5);
        Samples training = ring(rng, 1000, 0.2);
        float[] copies = new float[600 * 2];
        for (int r = 0; r < 600; r++) {
            int row = rng.nextInt(1000);
            copies[2 * r] = (float) training.value(row, 0) + 1e-4f;
            copies[2 * r + 1] = (float) training.value(row, 1);
        }
        DataCopying.Result r = DataCopying.withDefaults().withSeed(1).test(training, ring(rng, 500, 0.2),
                Samples.ofOwned(600, 2, copies));
        assertThat(r.ct()).isLessThan(-5);
        assertThat(r.z()).isLessThan(-10);
        assertThat(r.pValue()).isLessThan(1e-20);
        assertThat(r.cellsUsed()).isPositive().isLessThanOrEqualTo(20);
    }
}
