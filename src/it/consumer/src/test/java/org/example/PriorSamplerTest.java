package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static io.github.latentcheck.assertj.LatentAssertions.assertThatThrownBy;

import io.github.latentcheck.assertj.UnivariateTest;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.GaussianPrior;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The user's own prior sampler (Box–Muller), tested against the prior it claims by KS and jointly. */
class PriorSamplerTest {
    private static final GaussianPrior PRIOR = GaussianPrior.of(4);

    /** The sampler under test; {@code copyFirst} is the bug of reusing z0 for z1. */
    private static Latents sample(int n, long seed, boolean copyFirst) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rows = new double[4 * n];
        for (int i = 0; i < rows.length; i += 2) {
            double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            rows[i] = radius * Math.cos(angle);
            rows[i + 1] = radius * Math.sin(angle);
        }
        if (copyFirst) {
            for (int r = 0; r < n; r++) {
                rows[4 * r + 1] = rows[4 * r];
            }
        }
        return Latents.of(n, 4, rows);
    }

    /** Seeded; for other seeds each assertion fails with probability at most 1 % (its level). */
    @Test
    void theSamplerDrawsThePrior() {
        Latents z = sample(10_000, 5, false);

        assertThat(z).withSeed(5).followsPrior(PRIOR);
        assertThat(z).withSeed(5).usingTest(UnivariateTest.AD).followsPriorJointly(PRIOR);
    }

    @Test
    void aCopiedCoordinatePassesTheMarginalsButNotTheJointTest() {
        Latents z = sample(10_000, 5, true);

        assertThat(z).followsPrior(PRIOR);
        assertThatThrownBy(() -> assertThat(z).withSeed(5).followsPriorJointly(PRIOR))
                .hasMessageContaining("to follow N(0, I_4) jointly")
                .hasMessageContaining("corr(z0, z1)");
    }
}
