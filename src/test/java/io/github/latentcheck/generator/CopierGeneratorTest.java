package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class CopierGeneratorTest {
    private static final Samples DIGITS = SampleFiles.readSamples(Path.of("fixtures", "data", "digits_train.npy"));
    private static final Prior PRIOR = GaussianPrior.of(3);

    /** @return the training row the copier picks for a latent: ⌊Φ(z_0)·N⌋ */
    private static int sourceRow(Latents z, int r) {
        return (int) (NormalDistribution.of(0, 1).cumulativeProbability(z.value(r, 0)) * DIGITS.rows());
    }

    @Test
    void everyOutputIsItsSourceRowPlusSmallNoise() {
        double noise = 1e-3;
        Latents z = LatentSampler.sample(PRIOR, 1_000, 6, 1);
        Samples x = CopierGenerator.of(DIGITS, noise, PRIOR).generate(z);
        assertThat(x.rows()).isEqualTo(1_000);
        assertThat(x.columns()).isEqualTo(64);
        for (int r = 0; r < x.rows(); r++) {
            int source = sourceRow(z, r);
            for (int c = 0; c < 64; c++) {
                // The noise added to column c is noise·z_{1 + c mod 2}, so it is known exactly; the
                // output is rounded to float (half an ulp of values in [0, 1] is 6e-8).
                double expected = DIGITS.value(source, c) + noise * z.value(r, 1 + c % 2);
                assertThat(Math.abs(x.value(r, c) - expected)).as("row %d column %d", r, c).isLessThan(1e-7);
                // So every row is within a few noise sd of its source: |z| < 6 for all 2,000 draws
                // used here with probability 1 − 4e-6 under any seed.
                assertThat((double) Math.abs(x.value(r, c) - DIGITS.value(source, c))).isLessThan(6 * noise);
            }
        }
    }

    @Test
    void zeroNoiseGivesExactCopies() {
        Latents z = LatentSampler.sample(PRIOR, 500, 7, 1);
        Samples x = CopierGenerator.of(DIGITS, 0, PRIOR).generate(z);
        for (int r = 0; r < x.rows(); r++) {
            assertThat(x.row(r)).isEqualTo(DIGITS.row(sourceRow(z, r)));
        }
    }

    @Test
    void needsTrainingData() {
        assertThatThrownBy(() -> Generators.create(Options.of(Map.of("type", "copier"), "generator"),
                GeneratorContext.of(PRIOR, null))).isInstanceOf(InvalidInputException.class)
                .hasMessage("generator: generator 'copier': this generator needs data.training");
    }

    @Test
    void readsItsNoiseFromTheOptions() {
        Generator g = Generators.create(Options.of(Map.of("type", "copier", "noise", 0), "generator"),
                GeneratorContext.of(PRIOR, DIGITS));
        Latents z = LatentSampler.sample(PRIOR, 10, 8, 1);
        assertThat(g.generate(z).row(3)).isEqualTo(DIGITS.row(sourceRow(z, 3)));
    }

    @Test
    void refusesNegativeNoise() {
        assertThatThrownBy(() -> CopierGenerator.of(DIGITS, -1, PRIOR)).isInstanceOf(InvalidInputException.class)
                .hasMessage("copier noise is not non-negative and finite: -1.0");
    }
}
