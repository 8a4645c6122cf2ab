package io.github.latentcheck.assertj;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both entry points imported at once: neither hides the other's {@code assertThat}. */
class EntryPointTest {
    @Test
    void assertJsAndLatentchecksAssertThatCoexist() {
        Latents z = LatentSampler.sample(GaussianPrior.of(2), 1000, 3, 1);

        assertThat(true).isTrue();
        assertThat(List.of(1, 2)).containsExactly(1, 2);
        assertThat(z).atLevel(0.001).followsPrior(GaussianPrior.of(2));   // fails 0.1 % of seeds
    }
}
