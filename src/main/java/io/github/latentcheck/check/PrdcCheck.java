package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.coverage.Prdc;
import io.github.latentcheck.spec.Options;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code prdc}: precision, recall, density and coverage of the generated samples against the
 * training data (Naeem et al. 2020, arXiv:2002.09797; k = 5), and improved precision and recall
 * (Kynkäänniemi et al. 2019, arXiv:1904.06991; k = 3). Formulas and the exact algorithm are in
 * {@link Prdc}.
 *
 * <p>Metrics: {@code precision}, {@code recall}, {@code density}, {@code coverage} with the strict
 * ball test (‖·‖ &lt; r, the authors' code) and the same with suffix {@code Inclusive} (‖·‖ ≤ r, so
 * exact copies of real rows count); {@code improvedPrecision}, {@code improvedRecall} (≤, as
 * defined by Kynkäänniemi et al.) and their {@code Strict} versions. What "good" is:
 * {@code expectedDensity} = 1 and {@code expectedCoverage} = 1 − Π_{j&lt;k} (N−1−j)/(N+M−1−j), the
 * expectations when the generated and training samples come from one distribution, and
 * {@code coverageRatio} = coverage / expectedCoverage, which does not depend on the sample sizes
 * (about 1 for a perfect generator; a gate such as {@code prdc.coverageRatio >= 0.9}); and, when the
 * spec gives {@code data.holdout}, a real-against-real baseline, the metrics of the holdout rows
 * scored as if generated ({@code baselinePrecision}, {@code baselineRecall}, {@code baselineDensity},
 * {@code baselineCoverage}, {@code baselineExpectedCoverage} for its sizes); NaN without holdout.
 * The check reports metrics only and always passes: gates judge them. Its four k-NN searches (the
 * baseline adds three) are reported to {@link CheckInput#progress()}.
 */
public final class PrdcCheck implements Check {
    private static final List<String> METRICS = List.of("precision", "recall", "density", "coverage",
            "precisionInclusive", "recallInclusive", "densityInclusive", "coverageInclusive", "improvedPrecision",
            "improvedRecall", "improvedPrecisionStrict", "improvedRecallStrict", "expectedDensity", "expectedCoverage", "coverageRatio",
            "baselinePrecision", "baselineRecall", "baselineDensity", "baselineCoverage", "baselineExpectedCoverage");

    private final String id;
    private final int k;
    private final int improvedK;

    private PrdcCheck(String id, int k, int improvedK) {
        this.id = id;
        this.k = k;
        this.improvedK = improvedK;
    }

    /**
     * Defaults: k = 5 for PRDC and 3 for improved precision and recall.
     *
     * @param id the name gates use
     * @return the check
     */
    public static PrdcCheck of(String id) {
        return new PrdcCheck(id, 5, 3);
    }

    /**
     * @param v the PRDC neighbour rank, at least 1
     * @return a copy with that k
     */
    public PrdcCheck withK(int v) {
        if (v < 1) {
            throw new InvalidInputException("k is not at least 1: " + v);
        }
        return new PrdcCheck(id, v, improvedK);
    }

    /**
     * @param v the improved precision/recall neighbour rank, at least 1
     * @return a copy with that k
     */
    public PrdcCheck withImprovedK(int v) {
        if (v < 1) {
            throw new InvalidInputException("ipr_k is not at least 1: " + v);
        }
        return new PrdcCheck(id, k, v);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "prdc";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(METRICS);
    }

    /** Needs the training data; uses the holdout for the baseline when the spec gives it. */
    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.TRAINING);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples training = input.requireTraining();
        Prdc prdc = Prdc.withDefaults().withK(k).withImprovedK(improvedK).withThreads(input.threads())
                .withProgress(input.progress()::step);
        Prdc.Reference reference = prdc.reference(training);
        Prdc.Result r = prdc.compute(reference, input.samples());
        Optional<Prdc.Result> baseline = input.holdout().map(h -> prdc.compute(reference, h));
        double expectedCoverage = Prdc.expectedCoverage(r.realRows(), r.generatedRows(), k);
        CheckResult.Builder result = CheckResult.builder(this)
                .metric("precision", r.precision())
                .metric("recall", r.recall())
                .metric("density", r.density())
                .metric("coverage", r.coverage())
                .metric("precisionInclusive", r.precisionInclusive())
                .metric("recallInclusive", r.recallInclusive())
                .metric("densityInclusive", r.densityInclusive())
                .metric("coverageInclusive", r.coverageInclusive())
                .metric("improvedPrecision", r.improvedPrecision())
                .metric("improvedRecall", r.improvedRecall())
                .metric("improvedPrecisionStrict", r.improvedPrecisionStrict())
                .metric("improvedRecallStrict", r.improvedRecallStrict())
                .metric("expectedDensity", 1.0)
                .metric("expectedCoverage", expectedCoverage)
                .metric("coverageRatio", r.coverage() / expectedCoverage)
                .metric("baselinePrecision", baseline.map(Prdc.Result::precision).orElse(Double.NaN))
                .metric("baselineRecall", baseline.map(Prdc.Result::recall).orElse(Double.NaN))
                .metric("baselineDensity", baseline.map(Prdc.Result::density).orElse(Double.NaN))
                .metric("baselineCoverage", baseline.map(Prdc.Result::coverage).orElse(Double.NaN))
                .metric("baselineExpectedCoverage", baseline.map(b -> Prdc.expectedCoverage(b.realRows(),
                        b.generatedRows(), k)).orElse(Double.NaN));
        double[] x = {0, 1, 2, 3};
        Chart chart = Chart.of("Precision, recall, density, coverage (k = " + k + ")",
                "", "value")
                .withCategories(List.of("precision", "recall", "density", "coverage"))
                .with(Series.of("generated", Series.Style.BAR, x,
                        new double[] {r.precision(), r.recall(), r.density(), r.coverage()}));
        if (baseline.isPresent()) {
            Prdc.Result b = baseline.get();
            chart = chart.with(Series.of("holdout (real against real)", Series.Style.BAR, x,
                    new double[] {b.precision(), b.recall(), b.density(), b.coverage()}));
        }
        return result.chart(chart
                .with(new Chart.ReferenceLine("expected density 1", 1.0))
                .with(new Chart.ReferenceLine("expected coverage " + String.format(Locale.ROOT, "%.4f",
                        expectedCoverage), expectedCoverage))
                .withAltText("Bars of the generated samples' precision, recall, density and coverage against the "
                        + "training data" + (baseline.isPresent() ? ", beside the holdout's (a real-against-real baseline)" : "")
                        + ", with lines at the expected density 1 and the expected coverage under identical distributions."))
                .build();
    }

    /** Provides {@code type: prdc} with {@code k} (5) and {@code ipr_k} (3). */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "prdc";
        }

        @Override
        public Check create(String id, Options options) {
            return of(id).withK(options.integer("k", 5, 1)).withImprovedK(options.integer("ipr_k", 3, 1));
        }
    }
}
