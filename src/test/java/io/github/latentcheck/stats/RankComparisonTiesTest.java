package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rank sums, with ties and signed zeros, against counting every pair. */
class RankComparisonTiesTest {
    @Test
    void aucCountsEveryPairWithTiesAsOneHalf() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[1 + rng.nextInt(60)];
            double[] y = new double[1 + rng.nextInt(60)];
            for (double[] v : new double[][] {x, y}) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextInt(7) == 0 ? -0.0 : rng.nextInt(5);
                }
            }
            double less = 0;
            for (double a : x) {
                for (double b : y) {
                    less += a < b ? 1 : a == b ? 0.5 : 0;
                }
            }
            // aucLess is 1 − U_x / (n m): equal up to the rounding of that subtraction.
            assertThat(RankComparison.aucLess(x, y)).isCloseTo(less / (x.length * y.length), within(1e-15));
        }
    }
}
