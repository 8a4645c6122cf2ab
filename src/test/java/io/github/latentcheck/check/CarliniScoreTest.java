package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.data.Samples;
import org.junit.jupiter.api.Test;

/**
 * Carlini et al.'s score on a case worked by hand: Euclidean (not squared) distances, the mean over
 * the n nearest training rows including the nearest one, \(\alpha = 0.5\), a copy when \(\ell < 1\).
 */
class CarliniScoreTest {
    @Test
    void scoreIsTheNearestDistanceOverHalfTheMeanOfTheNNearestEuclideanDistances() {
        Samples training = Samples.of(5, 2, new float[] {1, 0, 0, 2, -3, 0, 0, -4, 100, 0});
        Samples generated = Samples.of(2, 2, new float[] {0, 0, 10, 0});
        CheckResult r = MemorizationCheck.withDefaults().with(MemorizationCheck.HoldoutUse.NONE).withNeighbors(4)
                .run(CheckInput.ofSamples(generated, training, null, 1, 1));

        // (0, 0): distances 1, 2, 3, 4; l = 1 / (0.5 * 2.5) = 0.8 < 1, a copy; d1/d2 = 0.5, not a ratio copy.
        // Squared distances would give 1 / (0.5 * 7.5) = 0.267; leaving out the nearest, 1 / (0.5 * 3) = 0.667.
        // (10, 0): distances 9, sqrt(104), sqrt(116), 13; l = 9 / (0.5 * 10.742) = 1.6757, not a copy.
        double far = 9 / (0.5 * (9 + Math.sqrt(104) + Math.sqrt(116) + 13) / 4);
        SampleTable table = r.sampleTable().orElseThrow();
        assertThat(table.value("sample", 0).intValue()).isZero();
        assertThat(table.value("carliniScore", 0).doubleValue()).isCloseTo(0.8, within(1e-15));
        assertThat(table.value("carliniCopy", 0).intValue()).isOne();
        assertThat(table.value("ratioCopy", 0).intValue()).isZero();
        assertThat(table.value("carliniScore", 1).doubleValue()).isCloseTo(1.6757, within(1e-4))
                .isCloseTo(far, within(1e-15));
        assertThat(table.value("carliniCopy", 1).intValue()).isZero();
        assertThat(r.metric("carliniCopyFraction").orElseThrow().doubleValue()).isEqualTo(0.5);
        assertThat(r.metric("copyFraction").orElseThrow().doubleValue()).isZero();
    }
}
