package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PriorDifferencesTest {
    private static final int REPETITIONS = 1000;

    private static double rejectionRate(double p1, double p2, int priors, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        int rejected = 0;
        for (int r = 0; r < REPETITIONS; r++) {
            long[] counts = new long[priors];
            long[] totals = new long[priors];
            for (int i = 0; i < priors; i++) {
                totals[i] = 1000;
                double p = i == 0 ? p1 : p2;
                for (int j = 0; j < totals[i]; j++) {
                    counts[i] += rng.nextDouble() < p ? 1 : 0;
                }
            }
            if (PriorDifferences.homogeneity(counts, totals).orElseThrow() < PriorDifferences.ALPHA) {
                rejected++;
            }
        }
        return rejected / (double) REPETITIONS;
    }

    @Test
    void rejectsSameProportionsAtMostAtItsLevel() {
        // Fisher's exact test is conservative: its rate is at most 0.05. The bound 0.05 + 3 sd of a
        // binomial(1000, 0.05) rate (0.0207) fails a correct test with probability about 0.1%.
        assertThat(rejectionRate(0.1, 0.1, 2, 1)).isLessThanOrEqualTo(0.05 + 0.0207);
        // Pearson's χ² test for three priors is asymptotic, with the same 3 sd band on both sides.
        assertThat(rejectionRate(0.1, 0.1, 3, 2)).isBetween(0.05 - 0.0207, 0.05 + 0.0207);
    }

    @Test
    void rejectsDifferentProportions() {
        // 10 % against 16 % of 1,000 samples: power above 0.95 for both tests (normal approximation),
        // so a rate below 0.9 has probability below 1e-9.
        assertThat(rejectionRate(0.10, 0.16, 2, 3)).isGreaterThan(0.9);
        assertThat(rejectionRate(0.10, 0.16, 3, 4)).isGreaterThan(0.9);
    }

    @Test
    void agreesWithScipyOnOneTable() {
        // a small table: scipy 1.10 stats.fisher_exact([[3, 7], [8, 2]]).pvalue = 0.06977851869492736
        assertThat(PriorDifferences.homogeneity(new long[] {3, 8}, new long[] {10, 10}).orElseThrow())
                .as("hypergeometric sums in double: 1e-12 absolute")
                .isCloseTo(0.06977851869492736, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(PriorDifferences.homogeneity(new long[] {0, 0}, new long[] {10, 10})).isEmpty();
    }
}
