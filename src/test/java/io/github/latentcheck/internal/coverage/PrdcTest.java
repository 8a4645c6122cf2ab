package io.github.latentcheck.internal.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PrdcTest {
    private static final Path REFERENCE = Path.of("fixtures/reference");
    /** Every metric is a count divided by a count, computed from the same distances as numpy's. */
    private static final double TOLERANCE = 1e-12;

    @Test
    void agreesWithTheNumpyBruteForceReference() throws IOException {
        Map<String, Double> expected = new HashMap<>();
        for (String line : Files.readAllLines(REFERENCE.resolve("prdc.csv"))) {
            if (line.startsWith("#") || line.startsWith("case,")) {
                continue;
            }
            String[] cells = line.split(",");
            expected.put(cells[0] + "/" + cells[1] + "/" + cells[2] + "/" + cells[3], Double.parseDouble(cells[4]));
        }
        assertThat(expected).hasSize(80);
        int compared = 0;
        for (String name : List.of("gauss8", "copies4", "collapse2", "ring8", "digits64")) {
            Samples[] data = caseData(name);
            for (int k : new int[] {3, 5}) {
                int other = 8 - k;
                Prdc.Result r = Prdc.withDefaults().withK(k).withImprovedK(other).withThreads(2).compute(data[0], data[1]);
                Prdc.Result ipr = Prdc.withDefaults().withK(other).withImprovedK(k).withThreads(2).compute(data[0], data[1]);
                Map<String, Double> actual = Map.ofEntries(
                        Map.entry("strict/precision", r.precision()), Map.entry("inclusive/precision", r.precisionInclusive()),
                        Map.entry("strict/recall", r.recall()), Map.entry("inclusive/recall", r.recallInclusive()),
                        Map.entry("strict/density", r.density()), Map.entry("inclusive/density", r.densityInclusive()),
                        Map.entry("strict/coverage", r.coverage()), Map.entry("inclusive/coverage", r.coverageInclusive()));
                for (Map.Entry<String, Double> e : actual.entrySet()) {
                    String key = name + "/" + k + "/" + e.getKey();
                    assertThat(e.getValue()).as(key).isCloseTo(expected.get(key), within(TOLERANCE));
                    compared++;
                }
                assertThat(ipr.improvedPrecision()).isCloseTo(expected.get(name + "/" + k + "/inclusive/precision"), within(TOLERANCE));
                assertThat(ipr.improvedPrecisionStrict()).isCloseTo(expected.get(name + "/" + k + "/strict/precision"), within(TOLERANCE));
                assertThat(ipr.improvedRecall()).isCloseTo(expected.get(name + "/" + k + "/inclusive/recall"), within(TOLERANCE));
                assertThat(ipr.improvedRecallStrict()).isCloseTo(expected.get(name + "/" + k + "/strict/recall"), within(TOLERANCE));
            }
        }
        assertThat(compared).isEqualTo(80);
        assertThat(expected.get("copies4/5/inclusive/precision")).isGreaterThan(expected.get("copies4/5/strict/precision"));
    }

    private static Samples[] caseData(String name) {
        switch (name) {
            case "ring8":
                return new Samples[] {head(SampleFiles.readSamples(Path.of("fixtures/data/ring8_train.npy")), 3000),
                    head(SampleFiles.readSamples(Path.of("fixtures/data/ring8_holdout.npy")), 2000)};
            case "digits64":
                return new Samples[] {SampleFiles.readSamples(Path.of("fixtures/data/digits_train.npy")),
                    SampleFiles.readSamples(Path.of("fixtures/data/digits_holdout.npy"))};
            default:
                return new Samples[] {SampleFiles.readSamples(REFERENCE.resolve("prdc_inputs/" + name + "-real.npy")),
                    SampleFiles.readSamples(REFERENCE.resolve("prdc_inputs/" + name + "-fake.npy"))};
        }
    }

    private static Samples head(Samples s, int rows) {
        return Samples.of(rows, s.columns(), Arrays.copyOf(s.toArray(), rows * s.columns()));
    }

    /**
     * Under identical distributions E[density] = 1 and E[coverage] = 1 − Π_{j<k} (N−1−j)/(N+M−1−j).
     * 150 seeded replicates per size (D = 3); the mean must lie within 4 standard errors of the expectation
     * (a false failure has probability about 6e-5 per metric if the formula is right; the seed fixes
     * the outcome).
     */
    @Test
    void nullExpectationsHoldInASeededSimulation() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20260101L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int[] size : new int[][] {{120, 120}, {80, 200}, {200, 60}}) {
            int n = size[0];
            int m = size[1];
            int replicates = 150;
            double[] coverage = new double[replicates];
            double[] density = new double[replicates];
            for (int r = 0; r < replicates; r++) {
                Prdc.Result result = Prdc.withDefaults().withThreads(1)
                        .compute(gaussian(n, 3, gauss), gaussian(m, 3, gauss));
                coverage[r] = result.coverage();
                density[r] = result.density();
            }
            assertWithinFourStandardErrors("coverage " + n + " x " + m, coverage, Prdc.expectedCoverage(n, m, 5));
            assertWithinFourStandardErrors("density " + n + " x " + m, density, 1.0);
        }
    }

    private static void assertWithinFourStandardErrors(String what, double[] values, double expected) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
        double se = Math.sqrt(var / values.length);
        assertThat(mean).as("%s: mean %s, standard error %s, expected %s", what, mean, se, expected)
                .isCloseTo(expected, within(4 * se));
    }

    private static Samples gaussian(int rows, int columns, ZigguratSampler.NormalizedGaussian gauss) {
        float[] x = new float[rows * columns];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gauss.sample();
        }
        return Samples.ofOwned(rows, columns, x);
    }

    @Test
    void expectedCoverageMatchesTheProductFormula() {
        // N = M = 10, k = 1: 1 - 9/19
        assertThat(Prdc.expectedCoverage(10, 10, 1)).isCloseTo(10.0 / 19, within(1e-15));
        // k = 2: 1 - (9 * 8) / (19 * 18)
        assertThat(Prdc.expectedCoverage(10, 10, 2)).isCloseTo(1 - 72.0 / 342, within(1e-15));
        assertThat(Prdc.expectedCoverage(10_000, 10_000, 5)).isCloseTo(1 - Math.pow(0.5, 5), within(1e-4));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Samples[] data = caseData("gauss8");
        assertThat(Prdc.withDefaults().withThreads(3).compute(data[0], data[1]))
                .isEqualTo(Prdc.withDefaults().withThreads(1).compute(data[0], data[1]));
    }

    @Test
    void refusesAKNotBelowTheRowCountAndMismatchedColumns() {
        Samples five = Samples.of(5, 1, new float[] {1, 2, 3, 4, 5});
        Samples two = Samples.of(1, 2, new float[] {1, 2});
        assertThatThrownBy(() -> Prdc.withDefaults().compute(five, five)).isInstanceOf(InvalidInputException.class)
                .hasMessage("k = 5 is not below the number of real rows (5): the k-th nearest other row does not exist");
        assertThatThrownBy(() -> Prdc.withDefaults().compute(five, two)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 columns but the real samples have 1");
    }
}
