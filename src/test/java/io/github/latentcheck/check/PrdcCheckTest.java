package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrdcCheckTest {
    private static final Samples TRAIN = head(SampleFiles.readSamples(Path.of("fixtures/data/ring8_train.npy")), 4000);
    private static final Samples HOLDOUT = SampleFiles.readSamples(Path.of("fixtures/data/ring8_holdout.npy"));

    @Test
    void reportsTheNullExpectationsAndABaselineOnlyWhenThereIsHoldout() {
        Samples generated = head(HOLDOUT, 3000);
        CheckResult without = PrdcCheck.of("prdc").run(CheckInput.ofSamples(generated, TRAIN, null, 1, 2));
        CheckResult with = PrdcCheck.of("prdc").run(CheckInput.ofSamples(generated, TRAIN, HOLDOUT, 1, 2));

        assertThat(without.metrics().keySet()).containsExactlyElementsOf(PrdcCheck.of("prdc").metricNames());
        assertThat(without.metric("baselineCoverage").orElseThrow().doubleValue()).isNaN();
        assertThat(with.metric("baselineCoverage").orElseThrow().doubleValue())
                .isCloseTo(with.metric("baselineExpectedCoverage").orElseThrow().doubleValue(),
                        org.assertj.core.data.Offset.offset(0.03));
        assertThat(with.metric("coverage")).isEqualTo(without.metric("coverage"));
        assertThat(with.metric("expectedDensity")).contains(1.0);
        assertThat(with.metric("coverageRatio").orElseThrow().doubleValue()).isBetween(0.95, 1.05);
        assertThat(with.passed()).isTrue();
        assertThat(with.charts()).hasSize(1);
        assertThat(with.charts().get(0).series()).hasSize(2);
    }

    /** Real data against real data: coverage and density near their expectations under identical distributions. */
    @Test
    void grid25TrainingAgainstItsHoldoutIsNearTheNullExpectation() {
        Samples train = head(SampleFiles.readSamples(Path.of("fixtures/data/grid25_train.npy")), 6000);
        Samples holdout = SampleFiles.readSamples(Path.of("fixtures/data/grid25_holdout.npy"));
        CheckResult r = PrdcCheck.of("prdc").run(CheckInput.ofSamples(holdout, train, null, 1, 2));

        assertThat(r.metric("coverageRatio").orElseThrow().doubleValue()).isBetween(0.97, 1.03);
        assertThat(r.metric("density").orElseThrow().doubleValue()).isBetween(0.95, 1.05);
        assertThat(r.metric("precision").orElseThrow().doubleValue()).isGreaterThan(0.95);
        assertThat(r.metric("recall").orElseThrow().doubleValue()).isGreaterThan(0.95);
    }

    @Test
    void exactCopiesCountOnlyInTheInclusiveMetrics() {
        // generated = real rows copied: each copy sits at distance 0 from its original, which is inside
        // the original's ball only if the ball test is inclusive or the radius is positive
        Samples copies = head(TRAIN, 500);
        CheckResult r = PrdcCheck.of("prdc").run(CheckInput.ofSamples(copies, TRAIN, null, 1, 2));

        assertThat(r.metric("precisionInclusive").orElseThrow().doubleValue()).isEqualTo(1.0);
        assertThat(r.metric("improvedPrecision").orElseThrow().doubleValue()).isEqualTo(1.0);
        assertThat(r.metric("densityInclusive").orElseThrow().doubleValue())
                .isGreaterThanOrEqualTo(r.metric("density").orElseThrow().doubleValue());
    }

    @Test
    void eachSearchReportsItsRowsUpToTheTotalWithoutChangingTheMetrics() {
        Samples generated = head(HOLDOUT, 300);
        Samples train = head(TRAIN, 500);
        Samples holdout = Samples.of(200, 2, Arrays.copyOfRange(HOLDOUT.toArray(), 600, 1000));
        CheckInput input = CheckInput.ofSamples(generated, train, holdout, 1, 2);
        List<String> steps = new ArrayList<>();
        List<long[]> doneAndTotal = new ArrayList<>();
        CheckResult reported = PrdcCheck.of("prdc").run(input.withProgress((step, total) -> {
            steps.add(step);
            long[] counts = {0, total};
            doneAndTotal.add(counts);
            return rows -> {
                synchronized (counts) {
                    counts[0] = Math.max(counts[0], rows);
                }
            };
        }));

        // the reference's radii, then per scored set (the samples, the holdout baseline) three searches
        assertThat(steps).containsExactly("radii of 500 real rows", "radii of 300 generated rows",
                "generated rows near 500 real rows", "real rows near 300 generated rows", "radii of 200 generated rows",
                "generated rows near 500 real rows", "real rows near 200 generated rows");
        assertThat(doneAndTotal).extracting(c -> c[0]).containsExactly(500L, 300L, 500L, 300L, 200L, 500L, 200L);
        assertThat(doneAndTotal).allSatisfy(c -> assertThat(c[0]).isEqualTo(c[1]));
        assertThat(reported.metrics()).isEqualTo(PrdcCheck.of("prdc").run(input).metrics());
    }

    private static Samples head(Samples s, int rows) {
        return Samples.of(rows, s.columns(), Arrays.copyOf(s.toArray(), rows * s.columns()));
    }
}
