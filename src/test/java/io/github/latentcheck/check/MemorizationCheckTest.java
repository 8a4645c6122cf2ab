package io.github.latentcheck.check;

import static io.github.latentcheck.RingDraws.ring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.CopierGenerator;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class MemorizationCheckTest {
    private static final Path DATA = Path.of("fixtures", "data");
    private static Samples training;
    private static Samples holdout;

    @BeforeAll
    static void readDigits() {
        training = SampleFiles.readSamples(DATA.resolve("digits_train.npy"));
        holdout = SampleFiles.readSamples(DATA.resolve("digits_holdout.npy"));
    }

    private static CheckResult copier(double noise, int samples) {
        Prior prior = GaussianPrior.of(8);
        Latents latents = LatentSampler.sample(prior, samples, 11, 2);
        Samples copies = CopierGenerator.of(training, noise, prior).generate(latents);
        return MemorizationCheck.withDefaults().withImageShape(8, 8)
                .run(CheckInput.of(prior, latents, copies, training, holdout, 3, 2));
    }

    private static double metric(CheckResult r, String name) {
        return r.metric(name).orElseThrow().doubleValue();
    }

    @Test
    void theCopierIsFlaggedByEveryCriterion(TestReporter reporter) {
        CheckResult r = copier(1e-4, 1000);
        reporter.publishEntry("copier metrics", r.metrics().toString());

        assertThat(r.passed()).isFalse();
        assertThat(r.metrics().keySet()).containsExactlyElementsOf(MemorizationCheck.withDefaults().metricNames());
        assertThat(metric(r, "copyFraction")).isGreaterThan(0.99);
        assertThat(metric(r, "carliniCopyFraction")).isGreaterThan(0.99);
        assertThat(metric(r, "dcrTrainMedian")).isLessThan(0.01);
        assertThat(metric(r, "dcrHoldoutMedian")).isGreaterThan(0.5);
        assertThat(metric(r, "dcrAucLower")).isGreaterThan(0.6);
        assertThat(metric(r, "dcrPValue")).isLessThan(1e-50);
        assertThat(metric(r, "overfittingScore")).isGreaterThan(0.6);
        // 1000 copies of 1200 rows reach about 1 - exp(-1000/1200) = 57% of them: AUC about 0.78
        assertThat(metric(r, "membershipAuc")).isGreaterThan(0.7);
        assertThat(metric(r, "dataCopyingCt")).isLessThan(-5);
        assertThat(metric(r, "dataCopyingZ")).isLessThan(-20);
        assertThat(metric(r, "dataCopyingPValue")).isLessThan(1e-50).isPositive();
        assertThat(r.tests()).extracting(t -> t.name()).containsExactly("dcr-training-vs-holdout", "data-copying");
    }

    @Test
    void exactCopiesAreExactDuplicatesAndTheSuspectsAreShownFirst() {
        CheckResult r = copier(0, 400);

        assertThat(r.metric("exactDuplicates").orElseThrow()).isEqualTo(400L);
        assertThat(metric(r, "exactDuplicateFraction")).isEqualTo(1.0);
        SampleTable table = r.sampleTable().orElseThrow();
        assertThat(table.rows()).isEqualTo(400);
        assertThat(table.columnNames()).startsWith("sample", "trainingRow", "dcrTraining", "secondDistance", "ratio")
                .contains("holdoutRow", "dcrHoldout");
        assertThat(table.value("ratio", 0).doubleValue()).isZero();
        assertThat(r.imageGrids()).hasSize(1);
        assertThat(r.imageGrids().get(0).rows()).hasSize(12)
                .allSatisfy(row -> assertThat(row.images()).hasSize(3));
        int sample = table.value("sample", 0).intValue();
        int row = table.value("trainingRow", 0).intValue();
        assertThat(r.imageGrids().get(0).rows().get(0).images().get(1).pixels()).isEqualTo(training.row(row));
        assertThat(r.imageGrids().get(0).rows().get(0).images().get(0).caption()).isEqualTo("generated #" + sample);
    }

    /** Held-out digits scored as if generated: the even rows against training, the odd rows as holdout. */
    private static CheckResult heldOutSplit() {
        return MemorizationCheck.withDefaults().run(CheckInput.of(GaussianPrior.of(1), null, rows(holdout, 0),
                training, rows(holdout, 1), 3, 2));
    }

    private static Samples rows(Samples all, int parity) {
        int n = (all.rows() - parity + 1) / 2;
        float[] out = new float[n * all.columns()];
        for (int r = 0; r < n; r++) {
            System.arraycopy(all.slice(2 * r + parity, 2 * r + parity + 1).toFloatArray(), 0, out, r * all.columns(),
                    all.columns());
        }
        return Samples.ofOwned(n, all.columns(), out);
    }

    @Test
    void aHeldOutSplitIsNotFlagged(TestReporter reporter) {
        CheckResult r = heldOutSplit();
        reporter.publishEntry("held-out split metrics", r.metrics().toString());

        assertThat(r.passed()).isTrue();
        assertThat(metric(r, "copyFraction")).isLessThanOrEqualTo(0.01);
        assertThat(metric(r, "exactDuplicates")).isZero();
        assertThat(metric(r, "dataCopyingPValue")).isGreaterThan(0.01);
        assertThat(metric(r, "membershipAuc")).isBetween(0.45, 0.58);
        assertThat(metric(r, "overfittingScore")).isBetween(0.4, 0.6);
        assertThat(metric(r, "dcrAucLower")).isLessThan(0.5);
        assertThat(metric(r, "dcrAucUpper")).isGreaterThan(0.5);
    }

    /**
     * {@code fixtures/reference/memorization_digits.csv}, made by
     * {@code python3 fixtures/reference/make_memorization_reference.py} with numpy distances and
     * scipy's Mann–Whitney U: fractions and counts exactly, medians and the AUC to 1e-9 relative.
     */
    @Test
    void trainBasedMetricsAgreeWithNumpyAndScipy() throws IOException {
        Map<String, Double> expected = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("fixtures", "reference", "memorization_digits.csv"))) {
            if (!line.startsWith("#") && !line.startsWith("metric,")) {
                String[] cells = line.split(",");
                expected.put(cells[0], Double.parseDouble(cells[1]));
            }
        }
        CheckResult r = heldOutSplit();

        assertThat(expected).hasSize(6);
        expected.forEach((name, value) -> {
            double tolerance = name.endsWith("Median") || name.equals("membershipAuc") ? 1e-9 * value : 0;
            assertThat(metric(r, name)).as(name).isCloseTo(value, within(tolerance));
        });
    }

    /**
     * With N = 2000 training and H = 400 held-out rows from one ring mixture, a fresh sample's nearest
     * training row is the closer one with probability N / (N + H) = 0.833; the check subsamples the
     * training rows to H, so its score stays at 1/2. The means over 10 runs have standard errors of
     * about 0.01.
     */
    @Test
    void theOverfittingScoreExpectsOneHalfWhateverTheSetSizes() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(77);
        double score = 0;
        double naive = 0;
        int runs = 10;
        for (int run = 0; run < runs; run++) {
            Samples generated = ring(rng, 400, 0.2);
            CheckResult r = MemorizationCheck.withDefaults().run(CheckInput.of(GaussianPrior.of(1), null, generated,
                    ring(rng, 2000, 0.2), ring(rng, 400, 0.2), rng.nextLong(), 2));
            score += metric(r, "overfittingScore") / runs;
            SampleTable t = r.sampleTable().orElseThrow();
            double closer = 0;
            for (int i = 0; i < t.rows(); i++) {
                closer += t.value("dcrTraining", i).doubleValue() < t.value("dcrHoldout", i).doubleValue() ? 1 : 0;
            }
            naive += closer / t.rows() / runs;
        }
        assertThat(naive).isCloseTo(2000.0 / 2400, within(0.05));
        assertThat(score).isCloseTo(0.5, within(0.04));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Samples generated = rows(holdout, 0);
        Samples held = rows(holdout, 1);
        CheckResult one = MemorizationCheck.withDefaults().run(CheckInput.of(GaussianPrior.of(1), null, generated,
                training, held, 9, 1));
        CheckResult three = MemorizationCheck.withDefaults().run(CheckInput.of(GaussianPrior.of(1), null, generated,
                training, held, 9, 3));

        assertThat(three.metrics()).isEqualTo(one.metrics());
        assertThat(three.sampleTable().orElseThrow().value("ratio", 7))
                .isEqualTo(one.sampleTable().orElseThrow().value("ratio", 7));
    }

    @Test
    void withoutHoldoutOnlyTheTrainBasedMetricsAreReported() {
        MemorizationCheck check = MemorizationCheck.withDefaults().with(MemorizationCheck.HoldoutUse.NONE);
        CheckResult r = check.run(CheckInput.of(GaussianPrior.of(1), null, rows(holdout, 0), training, null, 1, 1));

        assertThat(check.requirements()).containsExactly(Requirement.TRAINING);
        assertThat(MemorizationCheck.withDefaults().requirements())
                .containsExactlyInAnyOrder(Requirement.TRAINING, Requirement.HOLDOUT);
        assertThat(r.metrics().keySet()).containsExactlyElementsOf(check.metricNames())
                .containsExactly("samples", "copyFraction", "ratioCopyFraction", "carliniCopyFraction",
                        "exactDuplicates", "exactDuplicateFraction", "dcrTrainMedian");
        assertThat(r.sampleTable().orElseThrow().columnNames()).doesNotContain("dcrHoldout");
        assertThat(r.imageGrids()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithTheRuleAndTheValue() {
        Samples wide = Samples.of(1, 65, new float[65]);
        assertThatThrownBy(() -> MemorizationCheck.withDefaults().run(
                CheckInput.of(GaussianPrior.of(1), null, wide, training, holdout, 1, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("65 columns").hasMessageContaining("64");
        assertThatThrownBy(() -> MemorizationCheck.withDefaults().withNeighbors(1200).run(
                CheckInput.of(GaussianPrior.of(1), null, holdout, training, holdout, 1, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1200 >= 1200");
        assertThatThrownBy(() -> MemorizationCheck.withDefaults().withNeighbors(1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("neighbors is not at least 2: 1");
    }
}
