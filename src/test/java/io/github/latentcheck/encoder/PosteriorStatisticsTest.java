package io.github.latentcheck.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.UniformPrior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statistics against fixtures/reference/latent_statistics.csv, made by
 * {@code /usr/bin/python3 fixtures/reference/make_latent_reference.py} (numpy 1.24, scipy 1.10) from
 * the float64 inputs in fixtures/reference/latent_inputs/.
 */
class PosteriorStatisticsTest {
    private static final Path REFERENCE = Path.of("fixtures/reference");
    /** Sums of at most 60 float64 terms computed in another order than numpy's: a few ulps each. */
    private static final double RELATIVE = 1e-12;

    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> values = new HashMap<>();
        for (String line : Files.readAllLines(REFERENCE.resolve("latent_statistics.csv"))) {
            if (line.startsWith("#") || line.startsWith("statistic,")) {
                continue;
            }
            String[] cells = line.split(",");
            values.put(cells[0] + "," + cells[1], Double.parseDouble(cells[2]));
        }
        return values;
    }

    private static Posterior posterior() {
        Samples mu = SampleFiles.readSamples(REFERENCE.resolve("latent_inputs/mu.npy"));
        Samples logvar = SampleFiles.readSamples(REFERENCE.resolve("latent_inputs/logvar.npy"));
        return Posterior.of(mu.rows(), mu.columns(), mu.toArray(), logvar.toArray());
    }

    private static void assertRelative(String what, double actual, double expected) {
        assertThat(actual).as("%s: %s vs numpy/scipy %s (relative error %.3g)", what, actual, expected,
                Math.abs(actual - expected) / Math.abs(expected)).isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
    }

    @Test
    void klPerUnitAgreesWithTheClosedFormInNumpy() throws IOException {
        Map<String, Double> expected = reference();
        double[] kl = PosteriorStatistics.klPerDimension(posterior(), GaussianPrior.of(5));
        for (int u = 0; u < 5; u++) {
            assertRelative("kl " + u, kl[u], expected.get("kl," + u));
        }
        assertThat(kl[3]).as("the collapsed unit").isLessThan(1e-3);
    }

    @Test
    void activityIsNumpysVarianceWithOneDegreeOfFreedomRemoved() throws IOException {
        Map<String, Double> expected = reference();
        double[] activity = PosteriorStatistics.activity(posterior());
        for (int u = 0; u < 5; u++) {
            assertRelative("activity " + u, activity[u], expected.get("activity," + u));
        }
    }

    /** Point 11 is (30, …, 30): every component's density underflows to 0 in linear space, not in log space. */
    @Test
    void aggregateLogDensityAgreesWithScipysLogSumExpEvenFarInTheTails() throws IOException {
        Map<String, Double> expected = reference();
        Posterior q = posterior();
        Samples z = SampleFiles.readSamples(REFERENCE.resolve("latent_inputs/z.npy"));
        for (int j = 0; j < z.rows(); j++) {
            assertRelative("log q(z_" + j + ")", PosteriorStatistics.aggregateLogDensity(q, z.row(j)),
                    expected.get("logq," + j));
            assertRelative("log p(z_" + j + ")", PosteriorStatistics.priorLogDensity(GaussianPrior.of(5), z.row(j)),
                    expected.get("logp," + j));
        }
        assertThat(expected.get("logq,11")).isLessThan(-9000);
    }

    @Test
    void theKlNeedsNormalMarginalsAndMatchingDimensions() {
        assertThatThrownBy(() -> PosteriorStatistics.klPerDimension(posterior(), UniformPrior.of(5, -1, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not normal");
        assertThatThrownBy(() -> PosteriorStatistics.klPerDimension(posterior(), GaussianPrior.of(4)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("dimension 5")
                .hasMessageContaining("dimension 4");
    }

    @Test
    void aPosteriorRefusesNonFiniteValuesNamingRowAndCoordinate() {
        assertThatThrownBy(() -> Posterior.of(2, 2, new double[] {0, 0, 0, Double.NaN}, new double[4]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the encoder's mu is not finite at row 1, coordinate 1 (0-based): NaN");
        assertThatThrownBy(() -> Posterior.of(2, 2, new double[4], new double[] {0, Double.POSITIVE_INFINITY, 0, 0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("logvar is not finite at row 0, coordinate 1");
        assertThatThrownBy(() -> Posterior.of(2, 2, new double[3], new double[4]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 3 means");
    }

    /**
     * Draws are z = mu + sigma * eps: the same seed gives the same draws, and over 20,000 rows of
     * N(1, e^-2) the mean and variance are within 5 standard errors (false failure well below 1e-5).
     */
    @Test
    void drawsAreSeededAndFollowThePosterior() {
        int n = 20_000;
        double[] mu = new double[n];
        double[] logvar = new double[n];
        java.util.Arrays.fill(mu, 1);
        java.util.Arrays.fill(logvar, -2);
        Posterior q = Posterior.of(n, 1, mu, logvar);
        Latents z = q.draw(7);
        assertThat(z.toArray()).isEqualTo(q.draw(7).toArray()).isNotEqualTo(q.draw(8).toArray());
        double mean = 0;
        for (double v : z.column(0)) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : z.column(0)) {
            ss += (v - mean) * (v - mean);
        }
        double variance = ss / (n - 1);
        double v = Math.exp(-2);
        assertThat(mean).isCloseTo(1, within(5 * Math.sqrt(v / n)));
        assertThat(variance).isCloseTo(v, within(5 * v * Math.sqrt(2.0 / (n - 1))));
    }
}
