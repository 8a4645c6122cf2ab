package io.github.latentcheck.examples;

// README:begin junit-prior
import static io.github.latentcheck.assertj.LatentAssertions.assertThat;

import io.github.latentcheck.assertj.LatentAssertions;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.prior.TruncatedNormalPrior;
import io.github.latentcheck.stats.MultipleTesting;
import org.junit.jupiter.api.Test;

class GaussianPriorTest {

    @Test
    void truncatedPriorDrawsWhatItDeclares() {
        long seed = LatentAssertions.seed(42);
        Prior prior = TruncatedNormalPrior.of(16, 2.0);
        Latents z = LatentSampler.sample(prior, 20_000, seed, 2);

        assertThat(z).withSeed(seed).atLevel(0.01).withCorrection(MultipleTesting.Correction.HOLM)
                .followsPrior(prior);
    }
}
// README:end
