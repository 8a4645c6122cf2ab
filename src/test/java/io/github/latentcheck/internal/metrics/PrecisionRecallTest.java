package io.github.latentcheck.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.internal.coverage.Prdc;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Improved precision and recall against numpy's brute force (fixtures/reference/precision_recall.csv from
 * make_precision_recall_reference.py). The values are fractions of whole counts, so they must agree exactly
 * (tolerance 1e-15, the rounding of the count's division).
 */
class PrecisionRecallTest {
    private static final Path REFERENCE = Path.of("fixtures/reference");

    private static double reference(String kase, int k, String metric) throws IOException {
        for (String line : Files.readAllLines(REFERENCE.resolve("precision_recall.csv"))) {
            String[] c = line.split(",");
            if (!line.startsWith("#") && c[0].equals(kase) && c[1].equals(Integer.toString(k)) && c[2].equals(metric)) {
                return Double.parseDouble(c[3]);
            }
        }
        throw new IllegalArgumentException(kase + " " + k + " " + metric);
    }

    private static Samples[] inputs(String kase) {
        return kase.equals("gauss12")
                ? new Samples[] {SampleFiles.readSamples(REFERENCE.resolve("feature_metrics_inputs/gauss12-generated.npy")),
                    SampleFiles.readSamples(REFERENCE.resolve("feature_metrics_inputs/gauss12-real.npy"))}
                : new Samples[] {SampleFiles.readSamples(Path.of("fixtures/data/digits_holdout.npy")),
                    SampleFiles.readSamples(Path.of("fixtures/data/digits_train.npy"))};
    }

    /** 500 generated against 700 real rows, and 597 against 1200: the sizes differ on purpose. */
    @ParameterizedTest
    @CsvSource({"gauss12,3", "gauss12,5", "digits64,3"})
    void agreesWithTheBruteForceReference(String kase, int k) throws IOException {
        Samples[] in = inputs(kase);
        PrecisionRecall.Result r = PrecisionRecall.withDefaults().withK(k).withThreads(2).compute(in[0], in[1]);
        assertThat(r.precision()).isCloseTo(reference(kase, k, "precision"), within(1e-15));
        assertThat(r.recall()).isCloseTo(reference(kase, k, "recall"), within(1e-15));
        assertThat(r.precisionLower()).isLessThanOrEqualTo(r.precision());
        assertThat(r.precisionUpper()).isGreaterThanOrEqualTo(r.precision());
        assertThat(r.recallLower()).isLessThanOrEqualTo(r.recall());
        assertThat(r.recallUpper()).isGreaterThanOrEqualTo(r.recall());
    }

    @Test
    void agreesWithPrdcsImprovedPrecisionAndRecall() {
        Samples[] in = inputs("digits64");
        PrecisionRecall.Result r = PrecisionRecall.withDefaults().compute(in[0], in[1]);
        Prdc.Result p = Prdc.withDefaults().compute(in[1], in[0]);
        assertThat(r.precision()).isEqualTo(p.improvedPrecision());
        assertThat(r.recall()).isEqualTo(p.improvedRecall());
    }

    @Test
    void theIntervalDependsOnTheSeedNotOnTheThreads() {
        Samples[] in = inputs("gauss12");
        PrecisionRecall m = PrecisionRecall.withDefaults().withSeed(3);
        assertThat(m.withThreads(1).compute(in[0], in[1])).isEqualTo(m.withThreads(3).compute(in[0], in[1]));
        assertThat(m.withSeed(4).compute(in[0], in[1])).isNotEqualTo(m.compute(in[0], in[1]));
    }

    /**
     * The conditional bootstrap's interval for precision is the binomial one of the fraction inside: its half-width
     * is close to 1.96 √(p(1 − p)/M) (within 25 %: 200 replicates place the 2.5 % and 97.5 % quantiles to a few
     * per cent, and the counts are discrete).
     */
    @Test
    void theIntervalHasTheBinomialWidth() {
        Samples[] in = inputs("gauss12");
        PrecisionRecall.Result r = PrecisionRecall.withDefaults().withSeed(11).compute(in[0], in[1]);
        double p = r.precision();
        double expected = 2 * 1.96 * Math.sqrt(p * (1 - p) / 500);
        assertThat(r.precisionUpper() - r.precisionLower()).isCloseTo(expected, within(0.25 * expected));
    }
}
