package io.github.latentcheck.assertj;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.CopierGenerator;
import io.github.latentcheck.generator.MixtureGenerator;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Mode coverage and memorization assertions, passing and failing. The failing cases are certain:
 * a generator that never emits two modes covers six, and a copier's outputs sit within 1e-4 of
 * training rows that are far apart from one another.
 */
class CoverageAndMemorizationAssertTest {
    private static final GaussianPrior PRIOR = GaussianPrior.of(3);
    private static final GaussianMixture RING = GaussianMixture.ring(8, 2, 0.02);
    private static final Latents Z = LatentSampler.sample(PRIOR, 4000, 5, 1);

    @Test
    void theRingSamplerCoversEveryMode() {
        Samples ring = MixtureGenerator.of(RING, new int[0], PRIOR).generate(Z);

        assertThat(ring).coversModes(RING).all();
    }

    @Test
    void aModeDropperIsCaughtWithItsMissingModesNamed() {
        Samples dropped = MixtureGenerator.of(RING, new int[] {1, 5}, PRIOR).generate(Z);

        assertThat(dropped).coversModes(RING).atLeast(6);
        assertThatThrownBy(() -> assertThat(dropped).withSeed(5).coversModes(RING).all())
                .hasMessageContaining("Expecting samples (seed 5)")
                .hasMessageContaining("to cover at least 8 of the 8 modes of ring8")
                .hasMessageContaining("but they cover 6")
                .hasMessageContaining("under-covered[mode1]").hasMessageContaining("under-covered[mode5]");
    }

    @Test
    void heldOutDigitsAreNotMemorizedButACopierIs() {
        Samples train = SampleFiles.readSamples(Path.of("fixtures/data/digits_train.npy"));
        Samples holdout = SampleFiles.readSamples(Path.of("fixtures/data/digits_holdout.npy"));
        GaussianPrior prior = GaussianPrior.of(4);
        Samples copies = CopierGenerator.of(train, 1e-4, prior).generate(LatentSampler.sample(prior, 300, 9, 1));

        assertThat(holdout).isNotMemorizedFrom(train).copyFractionAtMost(0.01);
        assertThatThrownBy(() -> assertThat(copies).withSeed(9).isNotMemorizedFrom(train).withHoldout(holdout)
                .copyFractionAtMost(0.01))
                .hasMessageContaining("Expecting 300 samples (seed 9)")
                .hasMessageContaining("not to be memorized from 1200 training rows: a copy fraction of at most 0.01")
                .hasMessageContaining("but 1.0 of them are near-copies")
                .hasMessageContaining("the first suspects:")
                .hasMessageContaining("sample ");
    }
}
