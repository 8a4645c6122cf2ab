package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.prior.UniformPrior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class MixtureGeneratorTest {
    /**
     * The level of the seeded goodness-of-fit tests below: a correct generator fails each with
     * probability 1e-6 for a random seed (with these fixed seeds the outcome is deterministic).
     */
    private static final double LEVEL = 1e-6;
    private static final GaussianMixture RING = GaussianMixture.ring(8, 2, 0.02);

    private static Samples generate(Map<String, ?> options, Prior prior, int rows, long seed) {
        try (Generator generator = Generators.create(Options.of(options, "generator"), GeneratorContext.of(prior, null))) {
            return generator.generate(LatentSampler.sample(prior, rows, seed, 1));
        }
    }

    @Test
    void ringUnderTheGaussianPriorCoversEveryModeEquallyWithSdTwoHundredths() {
        Samples x = generate(Map.of("type", "ring"), GaussianPrior.of(3), 16_000, 1);
        int[] modes = Fixtures.nearestCentre(x, RING);
        long[] counts = Fixtures.counts(modes, 8);
        assertThat(counts).doesNotContain(0L);
        assertThat(ChiSquareTest.withDefaults().test(counts).getPValue()).as("equal occupancy %s",
                Arrays.toString(counts)).isGreaterThan(LEVEL);
        double sumSquares = 0;
        for (int r = 0; r < x.rows(); r++) {
            for (int a = 0; a < 2; a++) {
                double d = x.value(r, a) - RING.centre(modes[r], a);
                sumSquares += d * d;
            }
        }
        // 32,000 squared N(0, 0.02²) deviations: the sd estimate has a relative standard error of
        // 1/√64000 = 0.4%, so 3% is 7.6 standard errors (false failure < 1e-13).
        assertThat(Math.sqrt(sumSquares / (2.0 * x.rows()))).isCloseTo(0.02, within(0.02 * 0.03));
    }

    @Test
    void ringUnderTheUniformPriorHasTheSameDistribution() {
        Samples gaussianFed = generate(Map.of("type", "ring"), GaussianPrior.of(3), 5_000, 2);
        Samples uniformFed = generate(Map.of("type", "ring"), UniformPrior.of(3, -1, 1), 5_000, 3);
        for (int a = 0; a < 2; a++) {
            // Independent seeds, exact two-sample KS per axis: false failure 2 × 1e-6.
            assertThat(KolmogorovSmirnov.twoSample(gaussianFed.column(a), uniformFed.column(a)).result().pValue())
                    .as("axis %d", a).isGreaterThan(LEVEL);
        }
        assertThat(Fixtures.counts(Fixtures.nearestCentre(uniformFed, RING), 8))
                .doesNotContain(0L);
    }

    @Test
    void gridCoversAllTwentyFiveModes() {
        GaussianMixture grid = GaussianMixture.grid(5, 2, 0.05);
        Samples x = generate(Map.of("type", "grid"), GaussianPrior.of(3), 10_000, 4);
        long[] counts = Fixtures.counts(Fixtures.nearestCentre(x, grid), 25);
        assertThat(ChiSquareTest.withDefaults().test(counts).getPValue()).isGreaterThan(LEVEL);
    }

    @Test
    void modeDropperNeverEmitsTheDroppedModes() {
        Samples x = generate(Map.of("type", "mode-dropper", "layout", "ring", "drop", List.of(1, 5)),
                GaussianPrior.of(3), 10_000, 5);
        long[] counts = Fixtures.counts(Fixtures.nearestCentre(x, RING), 8);
        assertThat(counts[1]).isZero();
        assertThat(counts[5]).isZero();
        for (int k : new int[] {0, 2, 3, 4, 6, 7}) {
            // 10,000 draws over 6 kept modes: about 1,667 each.
            assertThat(counts[k]).as("mode %d", k).isBetween(1_400L, 1_950L);
        }
    }

    @Test
    void modeDropperRefusesDroppingEveryModeOrAnUnknownOne() {
        Prior prior = GaussianPrior.of(3);
        assertThatThrownBy(() -> MixtureGenerator.of(RING, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, prior))
                .isInstanceOf(InvalidInputException.class).hasMessage("every mode of ring8 is dropped");
        assertThatThrownBy(() -> MixtureGenerator.of(RING, new int[] {8}, prior))
                .isInstanceOf(InvalidInputException.class).hasMessage("dropped mode is not in [0, 8): 8");
        assertThatThrownBy(() -> MixtureGenerator.of(RING, new int[] {-1}, prior))
                .isInstanceOf(InvalidInputException.class).hasMessage("dropped mode is not in [0, 8): -1");
        assertThatThrownBy(() -> generate(Map.of("type", "mode-dropper"), prior, 10, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs 'drop'");
    }

    @Test
    void refusesALatentTooSmallToPickAModeAndItsNoise() {
        assertThatThrownBy(() -> MixtureGenerator.of(RING, new int[0], GaussianPrior.of(2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a ring8 sampler needs a latent dimension of at least 3 (one to pick the mode, "
                        + "2 for the noise): 2");
    }

    @Test
    void ignoresLatentCoordinatesBeyondTheNoise() {
        Prior prior = GaussianPrior.of(5);
        MixtureGenerator generator = MixtureGenerator.of(RING, new int[0], prior);
        assertThat(generator.inputDimension()).isEqualTo(5);
        assertThat(generator.outputDimension()).isEqualTo(2);
        // z = (0, 0, 0, ·, ·): Φ(0)·8 = 4 picks mode 4, (2cos π, 2sin π), with no noise; 2sin π is
        // 2.4e-16, not 0, in floating point.
        Samples x = generator.generate(Latents.of(1, 5, new double[] {0, 0, 0, 9, -9}));
        assertThat(x.value(0, 0)).isEqualTo(-2.0);
        assertThat(x.value(0, 1)).isCloseTo(0.0, within(1e-15));
    }
}
