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
import io.github.latentcheck.stats.MultipleTesting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Mode coverage and memorization assertions, passing and failing. The failing cases are certain:
 * a generator that never emits two modes covers six, and a copier's outputs sit within 1e-4 of
 * training rows that are far apart from one another.
 */
class CoverageAndMemorizationAssertTest {
    /**
     * Noise about training rows, per coordinate: about 10 % near-copies (0.097), but the samples sit far
     * closer to the training rows than held-out rows do (median distance 0.85 against 1.16; data-copying
     * p-value 1.2e-6 with seed 0).
     */
    private static final double NEAR_NOISE = 0.12;
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
                .hasMessageContaining("high-quality samples per mode (expected from the weights, of ")
                .hasMessageContaining("  mode1: 0 (")
                .hasMessageContaining("under-covered, adjusted p-value")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=5");
    }

    @Test
    void aModeKeptAtOnePercentOfItsShareIsCaughtByInProportion() {
        Samples ring = MixtureGenerator.of(RING, new int[0], PRIOR).generate(Z);
        double[] x = ring.column(0);
        double[] y = ring.column(1);
        float[] kept = new float[2 * x.length];
        int rows = 0;
        int seen = 0;
        for (int r = 0; r < x.length; r++) {
            boolean mode3 = Math.hypot(x[r] - RING.centre(3, 0), y[r] - RING.centre(3, 1)) < 0.5;
            if (!mode3 || seen++ % 100 == 0) {
                kept[2 * rows] = (float) x[r];
                kept[2 * rows + 1] = (float) y[r];
                rows++;
            }
        }
        Samples starved = Samples.of(rows, 2, java.util.Arrays.copyOf(kept, 2 * rows));

        assertThat(starved).coversModes(RING).all();
        assertThatThrownBy(() -> assertThat(starved).withSeed(5).coversModes(RING).all().inProportion())
                .hasMessageContaining("to cover the 8 modes of ring8 in proportion to their weights "
                        + "(one-sided binomial tests at level 0.01, HOLM over the modes)")
                .hasMessageContaining("but 1 mode is under-covered")
                .hasMessageContaining("  mode3: 6 (")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=5");
        assertThatThrownBy(() -> assertThat(starved).withCorrection(MultipleTesting.Correction.BONFERRONI)
                .coversModes(RING).inProportion())
                .hasMessageContaining("BONFERRONI over the modes").hasMessageContaining("under-covered, adjusted p-value");
        assertThat(ring).coversModes(RING).inProportion();   // false failure at most 1 % over seeds (Holm, 0.01)
    }

    @Test
    void theLevelDecidesWhichModesAreListedAsUnderCovered() {
        Samples dropped = MixtureGenerator.of(RING, new int[] {1, 5}, PRIOR).generate(Z);

        assertThatThrownBy(() -> assertThat(dropped).atLevel(1e-300).coversModes(RING).all())
                .hasMessageNotContaining("under-covered, adjusted");
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
                .hasMessageContaining("but 1 of them are near-copies")
                .hasMessageContaining("and no closer to them than 597 held-out rows (data-copying test at level 0.01)")
                .hasMessageContaining("the first suspects:")
                .hasMessageContaining("sample ")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=9");
    }

    @Test
    void aHoldoutAddsTheDataCopyingTestToTheVerdict() {
        Samples train = SampleFiles.readSamples(Path.of("fixtures/data/digits_train.npy"));
        Samples holdout = SampleFiles.readSamples(Path.of("fixtures/data/digits_holdout.npy"));
        GaussianPrior prior = GaussianPrior.of(4);
        Samples near = CopierGenerator.of(train, NEAR_NOISE, prior).generate(LatentSampler.sample(prior, 300, 9, 1));

        assertThat(near).isNotMemorizedFrom(train).copyFractionAtMost(0.1);
        assertThatThrownBy(() -> assertThat(near).isNotMemorizedFrom(train).withHoldout(holdout)
                .copyFractionAtMost(0.1))
                .hasMessageContaining("the data-copying test gives Z = ")
                .hasMessageContaining("Give the seed with withSeed");
    }
}
