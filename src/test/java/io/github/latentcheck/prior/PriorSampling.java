package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.TestResult;

/** Seeded sampling checks shared by the prior tests. */
final class PriorSampling {
    /**
     * The level of the per-coordinate KS tests. Under the null hypothesis each test rejects with
     * probability 1e-6, so a correct prior of dimension d fails with probability at most 8e-6 for a
     * random seed; with the fixed seeds used here the outcome is deterministic.
     */
    static final double KS_LEVEL = 1e-6;

    private PriorSampling() {
    }

    /** At most this many coordinates are tested, evenly spread (the sphere's CDF is costly at d = 64). */
    private static final int TESTED_COORDINATES = 8;

    /**
     * Draws {@code rows} latents from {@code prior} and tests coordinates 0, s, 2s, … (every one up
     * to d = 8) against the prior's own marginal with a one-sample KS test.
     *
     * @return the latents, for further checks
     */
    static Latents drawAndTest(Prior prior, int rows, long seed) {
        Latents latents = LatentSampler.sample(prior, rows, seed, 2);
        assertThat(latents.rows()).isEqualTo(rows);
        assertThat(latents.dimension()).isEqualTo(prior.dimension());
        int step = Math.max(1, prior.dimension() / TESTED_COORDINATES);
        for (int j = 0; j < prior.dimension(); j += step) {
            TestResult ks = KolmogorovSmirnov.oneSample(latents.column(j), prior.marginal(j)::cumulativeProbability);
            assertThat(ks.pValue()).as("%s coordinate %d: KS p-value (D = %s)", prior.description(), j, ks.statistic())
                    .isGreaterThan(KS_LEVEL);
        }
        return latents;
    }
}
