package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Encoder;
import io.github.latentcheck.encoder.Posterior;
import io.github.latentcheck.generator.AffineGenerator;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The encoder checks on encoders whose aggregate posterior is known exactly: with data x ~ N(0, I_d)
 * and \(q(z \mid x) = N(a x, (1 - a^2) c)\) per unit, \(q(z) = N(0, a^2 + (1 - a^2)c)\), the prior
 * N(0, 1) itself when c = 1.
 */
class EncoderChecksTest {
    private static final int D = 3;

    /** μ_u = a_u x_u, σ²_u = c_u (1 − a_u²). */
    private record LinearEncoder(double[] a, double[] c) implements Encoder {
        @Override
        public int inputDimension() {
            return a.length;
        }

        @Override
        public int latentDimension() {
            return a.length;
        }

        @Override
        public Posterior encode(Samples rows) {
            int n = rows.rows();
            int d = a.length;
            double[] mu = new double[n * d];
            double[] logvar = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int u = 0; u < d; u++) {
                    mu[i * d + u] = a[u] * rows.value(i, u);
                    logvar[i * d + u] = Math.log(c[u] * (1 - a[u] * a[u]));
                }
            }
            return Posterior.of(n, d, mu, logvar);
        }
    }

    private static Samples data(int rows, long seed) {
        return LatentSampler.sample(GaussianPrior.of(D), rows, seed, 1).toSamples();
    }

    private static Latents draws(int rows) {
        return LatentSampler.sample(GaussianPrior.of(D), rows, 1, 1);
    }

    private static CheckInput input(Encoder encoder, Samples holdout, Latents latents, long seed) {
        Prior prior = GaussianPrior.of(encoder.latentDimension());
        return CheckInput.of(prior, latents, latents.toSamples(), null, holdout, seed, 1).withEncoder(encoder);
    }

    private static Check check(Map<String, ?> options) {
        return Checks.create(Options.of(options, "checks[0]"));
    }

    /**
     * Under q(z) = p(z) the check's family (Holm over the KS tests and the norm test) rejects at
     * most at its level: 300 seeded repetitions of 300 rows at alpha 0.05 give at most 15 expected
     * rejections; 30 or more has probability below 1e-4 even at exactly 5 %.
     */
    @Test
    void theAggregatePosteriorTestKeepsItsLevelWhenTheEncoderMatchesThePrior() {
        Check check = check(Map.of("type", "aggregate-posterior", "alpha", 0.05));
        LinearEncoder encoder = new LinearEncoder(new double[] {0.9, 0.6, 0.2}, new double[] {1, 1, 1});
        int rejected = 0;
        for (int r = 0; r < 300; r++) {
            CheckResult result = check.run(input(encoder, data(300, 1000 + r), draws(10), 5000 + r));
            rejected += result.passed() ? 0 : 1;
        }
        assertThat(rejected).isLessThan(30);
    }

    /**
     * An encoder whose posteriors are too narrow (c = 0.1: q(z) = N(0, 0.81 + 0.019) on unit 0)
     * leaves its aggregate posterior under-dispersed; the check rejects in every one of 20
     * repetitions of 300 rows (the variance shortfall is about 10 standard errors of the norm test).
     */
    @Test
    void theAggregatePosteriorTestRejectsAnUnderDispersedPosterior() {
        Check check = check(Map.of("type", "aggregate-posterior", "alpha", 0.05));
        LinearEncoder encoder = new LinearEncoder(new double[] {0.9, 0.6, 0.2}, new double[] {0.1, 0.1, 0.1});
        for (int r = 0; r < 20; r++) {
            CheckResult result = check.run(input(encoder, data(300, 2000 + r), draws(10), 6000 + r));
            assertThat(result.passed()).as("repetition %d", r).isFalse();
            assertThat(result.metric("rows")).contains(300L);
        }
    }

    /** The KL metrics are the closed form: here KL_u = ½(a²x² + (1−a²) − log(1−a²) − 1) averaged over rows. */
    @Test
    void theAggregatePosteriorCheckReportsTheKlPerUnit() {
        LinearEncoder encoder = new LinearEncoder(new double[] {0.9, 0.6, 0.0}, new double[] {1, 1, 1});
        Samples rows = data(500, 3);
        CheckResult result = check(Map.of("type", "aggregate-posterior")).run(input(encoder, rows, draws(10), 4));
        double total = 0;
        for (int u = 0; u < D; u++) {
            double a = encoder.a()[u];
            double s = 0;
            for (int i = 0; i < rows.rows(); i++) {
                double m = a * rows.value(i, u);
                s += 0.5 * (m * m + (1 - a * a) - Math.log(1 - a * a) - 1);
            }
            total += s / rows.rows();
        }
        assertThat(result.metric("kl").orElseThrow().doubleValue()).isCloseTo(total, within(1e-12));
        assertThat(result.sampleTable().orElseThrow().value("kl", 2).doubleValue()).isZero();
        assertThat(result.tests()).hasSize(D + 1);
    }

    /** Activities a_u² Var(x_u) = 0.81, 0.36 and 1e-6 against the threshold 0.01: two active units. */
    @Test
    void activeUnitsCountsTheUnitsWhosePosteriorMeanMovesWithTheData() {
        LinearEncoder encoder = new LinearEncoder(new double[] {0.9, 0.6, 0.001}, new double[] {1, 1, 1});
        CheckResult result = check(Map.of("type", "active-units")).run(input(encoder, data(2000, 9), draws(10), 1));
        assertThat(result.metric("count")).contains(2L);
        assertThat(result.metric("inactive")).contains(1L);
        assertThat(result.metric("minActivity").orElseThrow().doubleValue()).isCloseTo(1e-6, within(2e-7));
        assertThat(result.metric("maxActivity").orElseThrow().doubleValue()).isCloseTo(0.81, within(0.06));
        CheckResult strict = check(Map.of("type", "active-units", "threshold", 0.5))
                .run(input(encoder, data(2000, 9), draws(10), 1));
        assertThat(strict.metric("count")).contains(1L);
    }

    /**
     * An encoder that only ever puts its posteriors at z > 1 (μ = 1 + |x|, σ = 0.1) leaves the prior's
     * mass below z = 0.734, 76.9 % of it, as a hole: there q(z) = ∫ 2φ(t) N(z; 1 + t, 0.01) dt falls
     * below 0.01 φ(z) (scipy.integrate.quad on a grid of step 0.001). With 1000 prior draws the hole
     * share is within 0.07 of 0.769 (5 standard errors); an encoder that matches the prior leaves few.
     */
    @Test
    void priorHolesFindsThePriorMassTheEncoderNeverUses() {
        Encoder shifted = new Encoder() {
            @Override
            public int inputDimension() {
                return 1;
            }

            @Override
            public int latentDimension() {
                return 1;
            }

            @Override
            public Posterior encode(Samples rows) {
                double[] mu = new double[rows.rows()];
                double[] logvar = new double[rows.rows()];
                for (int i = 0; i < mu.length; i++) {
                    mu[i] = 1 + Math.abs(rows.value(i, 0));
                    logvar[i] = Math.log(0.01);
                }
                return Posterior.of(rows.rows(), 1, mu, logvar);
            }
        };
        Samples rows = LatentSampler.sample(GaussianPrior.of(1), 1000, 11, 1).toSamples();
        Latents draws = LatentSampler.sample(GaussianPrior.of(1), 1000, 12, 1);
        CheckResult holes = check(Map.of("type", "prior-holes")).run(input(shifted, rows, draws, 1));
        assertThat(holes.metric("holeFraction").orElseThrow().doubleValue()).isCloseTo(0.769, within(0.07));
        assertThat(holes.metric("draws")).contains(1000L);

        LinearEncoder matched = new LinearEncoder(new double[] {0.5, 0.5, 0.5}, new double[] {1, 1, 1});
        CheckResult few = check(Map.of("type", "prior-holes"))
                .run(input(matched, data(1000, 13), LatentSampler.sample(GaussianPrior.of(D), 1000, 14, 1), 1));
        assertThat(few.metric("holeFraction").orElseThrow().doubleValue()).isLessThan(0.02);
    }

    /**
     * For a linear generator G(z) = A z the sensitivities are exact: S_u = |A e_u|², the float32
     * rounding of the perturbed latents divided out by the check; what is left is the float32
     * rounding of the outputs (about 1e-7 of values near 2, on differences of 2h|A e_u|), hence
     * 1e-5 relative plus 1e-8; a zero column is an ignored coordinate with S exactly 0.
     */
    @Test
    void latentUsageMeasuresTheSquaredColumnNormsOfALinearGenerator() {
        double[][] a = {{1, 0, 0.5, 0}, {2, 0, 0, 0.001}, {0, 0, 0.5, 0}};
        double[] expected = {5, 0, 0.5, 1e-6};
        LatentUsageCheck check = (LatentUsageCheck) check(Map.of("type", "latent-usage", "batch", 64));
        Latents latents = LatentSampler.sample(GaussianPrior.of(4), 10, 1, 1);
        CheckInput in = CheckInput.of(GaussianPrior.of(4), latents, latents.toSamples(), null, null, 3, 1)
                .withGenerator(AffineGenerator.of(a, new double[3]));
        CheckResult result = check.run(in);
        for (int u = 0; u < 4; u++) {
            assertThat(result.sampleTable().orElseThrow().value("sensitivity", u).doubleValue()).as("S_%d", u)
                    .isCloseTo(expected[u], within(1e-5 * expected[u] + 1e-8));
        }
        assertThat(result.metric("ignored")).contains(2L);
        assertThat(result.metric("used")).contains(2L);
        double sum = 5 + 0.5 + 1e-6;
        double squares = 25 + 0.25 + 1e-12;
        assertThat(result.metric("effectiveDimension").orElseThrow().doubleValue())
                .isCloseTo(sum * sum / squares, within(1e-5));
        assertThat(result.sampleTable().orElseThrow().value("sensitivity", 1).doubleValue()).isZero();
    }

    /** The participation ratio of fixtures/reference/latent_inputs/sensitivity.npy, against numpy. */
    @Test
    void theEffectiveDimensionIsTheParticipationRatioNumpyComputes() throws java.io.IOException {
        double[] s = io.github.latentcheck.data.SampleFiles.readSamples(
                java.nio.file.Path.of("fixtures/reference/latent_inputs/sensitivity.npy")).column(0);
        double expected = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                "fixtures/reference/latent_statistics.csv")).stream().filter(l -> l.startsWith("pr,0,"))
                .mapToDouble(l -> Double.parseDouble(l.substring(5))).findFirst().orElseThrow();
        CheckResult result = ((LatentUsageCheck) check(Map.of("type", "latent-usage"))).summarize(s);
        assertThat(result.metric("effectiveDimension").orElseThrow().doubleValue())
                .isCloseTo(expected, within(1e-15 * expected));
        assertThat(result.metric("ignored")).as("0, 0 and 0.01 / 4 < 0.01").contains(3L);
        assertThat(List.of(result.metric("dimensions").orElseThrow())).containsExactly(7L);
    }

    @Test
    void priorHolesRefusesACorrelatedGaussianPriorAndTakesADiagonalOne() {
        Check holes = check(Map.of("type", "prior-holes"));
        GaussianPrior correlated = GaussianPrior.withCholesky(new double[2], new double[][] {{1, 0}, {0.5, 1}});
        GaussianPrior diagonal = GaussianPrior.withCholesky(new double[2], new double[][] {{2, 0}, {0, 1}});
        assertThatThrownBy(() -> holes.validate(correlated))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("correlated coordinates");
        assertThatCode(() -> holes.validate(diagonal)).doesNotThrowAnyException();
        assertThatCode(() -> holes.validate(GaussianPrior.of(new double[] {1, 2}, new double[] {0.5, 3})))
                .doesNotThrowAnyException();
    }
}
