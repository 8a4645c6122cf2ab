package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.modes.ModesFile;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.stats.TestResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModeCoverageCheckTest {
    private static final Path DATA = Path.of("fixtures/data");

    /**
     * The fixtures are draws of the mixtures themselves, so the check must find every mode and not
     * reject: the χ² test and the Holm family each reject a correct sample with probability ≤ 5%;
     * these are fixed files, so the outcome is fixed too.
     */
    @ParameterizedTest
    @CsvSource({"ring8, ring8_train.npy, 8", "ring8, ring8_holdout.npy, 8", "grid25, grid25_train.npy, 25",
        "grid25, grid25_holdout.npy, 25", "fixtures/data/ring8_modes.json, ring8_train.npy, 8",
        "fixtures/data/grid25_modes.json, grid25_holdout.npy, 25"})
    void realDataCoversEveryModeOfItsOwnMixture(String modes, String file, int k) {
        Samples samples = SampleFiles.readSamples(DATA.resolve(file));
        ModeCoverageCheck check = ModeCoverageCheck.of("mode-coverage", ModesFile.resolve(modes, Path.of("")));

        CheckResult result = check.run(CheckInput.ofSamples(samples, null, null, 1, 2));

        assertThat(result.metric("modesCovered")).contains((long) k);
        assertThat(result.metric("modesCoveredMinCount")).contains((long) k);
        assertThat(result.metric("underCoveredModes")).contains(0L);
        assertThat(result.metric("occupancyPValue").orElseThrow().doubleValue()).isGreaterThan(0.05);
        assertThat(result.metric("hqFraction").orElseThrow().doubleValue())
                .isCloseTo(result.metric("expectedHqFraction").orElseThrow().doubleValue(),
                        org.assertj.core.data.Offset.offset(0.005));
        assertThat(result.metric("reverseKL").orElseThrow().doubleValue()).isBetween(0.0, 0.01);
        assertThat(result.tests().get(0).name()).isEqualTo("occupancy-chi2");
        assertThat(result.passed()).isTrue();
        assertThat(result.charts()).hasSize(2);
    }

    @Test
    void countsAgreeWithTheFixturesComponentLabels() {
        Samples samples = SampleFiles.readSamples(DATA.resolve("ring8_train.npy"));
        int[] component = SampleFiles.readIntegers(DATA.resolve("ring8_train_component.npy"));
        GaussianMixture ring = GaussianMixture.ring(8, 2, 0.02);
        io.github.latentcheck.internal.modes.ModeAssignment assignment =
                io.github.latentcheck.internal.modes.ModeAssignment.of(ring, samples, 3, 2);

        for (int i = 0; i < samples.rows(); i++) {
            assertThat(assignment.mode(i)).as("row %d", i).isEqualTo(component[i]);
        }
    }

    @Test
    void theModeDropperIsCaughtWithTheDroppedModesNamed() {
        Experiment experiment = Experiment.load(ExperimentSpec.read(Path.of("experiments/broken-generator.yaml")));
        CheckResult result = ExperimentRunner.withDefaults().withThreads(2).run(experiment).runs().get(0)
                .checks().stream().filter(r -> r.type().equals("mode-coverage")).findFirst().orElseThrow();

        assertThat(result.metric("modesCovered")).contains(6L);
        assertThat(result.metric("count1")).contains(0L);
        assertThat(result.metric("count5")).contains(0L);
        assertThat(result.metric("underCoveredModes")).contains(2L);
        assertThat(result.tests().stream().filter(t -> t.reject(0.05)).map(TestResult::name))
                .containsExactly("occupancy-chi2", "under-covered[mode1]", "under-covered[mode5]");
        assertThat(result.passed()).isFalse();
        // the sampler picks the mode from z0, so z0's deciles nearly decide the mode; the norm much less
        assertThat(result.metric("latentCoordinateCramersV").orElseThrow().doubleValue()).isGreaterThan(0.8);
        assertThat(result.metric("latentNormCramersV").orElseThrow().doubleValue()).isLessThan(0.5);
        assertThat(result.charts()).extracting(c -> c.title())
                .contains("Mode histogram per decile of ||z||", "Mode histogram per decile of z0");
    }

    @Test
    void allSamplesFarFromEveryModeGiveNoHighQualitySamplesAndNoTests() {
        Samples far = Samples.of(3, 2, new float[] {10, 10, 11, 11, -9, 9});
        CheckResult result = ModeCoverageCheck.of("m", GaussianMixture.ring(8, 2, 0.02))
                .run(CheckInput.ofSamples(far, null, null, 1, 1));

        assertThat(result.metric("modesCovered")).contains(0L);
        assertThat(result.metric("hqFraction")).contains(0.0);
        assertThat(result.metric("reverseKL").orElseThrow().doubleValue()).isNaN();
        assertThat(result.tests()).isEmpty();
        assertThat(result.passed()).isFalse();
    }

    @Test
    void cramersVIsZeroForIndependenceAndOneForADeterminingVariable() {
        assertThat(ModeCoverageCheck.cramersV(new long[][] {{10, 20}, {10, 20}})).isZero();
        assertThat(ModeCoverageCheck.cramersV(new long[][] {{10, 0}, {0, 20}})).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ModeCoverageCheck.cramersV(new long[][] {{10, 0}, {20, 0}})).isNaN();
    }

    /**
     * Issue 14: p-values that underflow keep a finite logarithm: 20,000 samples all in mode 0 of the ring of 8
     * give the other modes P(X = 0) = (7/8)^20000, ln p = 20000 ln(7/8) = -2670.6 (the binomial lower tail at
     * 0 is that one term), and the occupancy χ² of 140,000 on 7 degrees of freedom ln p ≈ -70,000.
     */
    @Test
    void underflowingPValuesKeepAFiniteLogarithm() {
        int n = 20_000;
        float[] rows = new float[2 * n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = 2 + (i % 7 - 3) * 0.001f;
            rows[2 * i + 1] = (i % 5 - 2) * 0.001f;
        }
        ModeCoverageCheck check = ModeCoverageCheck.of("mode-coverage", ModesFile.resolve("ring8", Path.of("")));

        CheckResult result = check.run(CheckInput.ofSamples(Samples.of(n, 2, rows), null, null, 1, 2));

        assertThat(result.metric("count0")).contains((long) n);
        TestResult chi2 = result.tests().get(0);
        assertThat(chi2.name()).isEqualTo("occupancy-chi2");
        assertThat(chi2.pValue()).isZero();
        assertThat(chi2.logPValue()).isFinite().isLessThan(-60_000.0);
        for (TestResult t : result.tests().subList(2, 9)) {
            assertThat(t.pValue()).as(t.name()).isZero();
            assertThat(t.logPValue()).as(t.name()).isCloseTo(n * Math.log(7.0 / 8), org.assertj.core.data.Offset.offset(1e-8));
        }
    }
}
