package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static io.github.latentcheck.assertj.LatentAssertions.assertThatThrownBy;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import org.junit.jupiter.api.Test;

/** The user's own generator against the coverage assertions: the model covers its 25 modes, a broken one does not. */
class GridModelCoverageTest {
    private static final GaussianMixture GRID = GaussianMixture.grid(5, 2, 0.05);

    private static Samples draw(int[] dropped, long seed) {
        return new GridModel(dropped, 0.05).generate(LatentSampler.sample(GaussianPrior.of(4), 5000, seed, 1));
    }

    /** Seeded; for other seeds the Holm-corrected binomial tests at 0.01 fail it with probability at most 1 %. */
    @Test
    void theModelCoversEveryModeInProportion() {
        assertThat(draw(new int[0], 3)).withSeed(3).coversModes(GRID).all().inProportion();
    }

    @Test
    void aDroppedModeIsNamedWithItsCount() {
        Samples dropped = draw(new int[] {12}, 3);

        assertThat(dropped).coversModes(GRID).atLeast(24);
        assertThatThrownBy(() -> assertThat(dropped).withSeed(3).coversModes(GRID).all())
                .hasMessageContaining("to cover at least 25 of the 25 modes of grid25")
                .hasMessageContaining("but they cover 24")
                .hasMessageContaining("mode12: 0 (")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=3");
    }
}
