package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared part of checks that run one test per dimension: the level and correction options,
 * the correction itself, the summary metrics and the p-value chart.
 */
final class DimensionTests {
    /** Metrics every per-dimension check reports, in this order. */
    static final List<String> METRICS = List.of("tests", "rejected", "minPValue", "minAdjustedPValue");

    private static final Map<MultipleTesting.Correction, String> SENTENCE_NAMES = Map.of(
            MultipleTesting.Correction.BONFERRONI, "Bonferroni",
            MultipleTesting.Correction.HOLM, "Holm",
            MultipleTesting.Correction.HOCHBERG, "Hochberg",
            MultipleTesting.Correction.BENJAMINI_HOCHBERG, "Benjamini–Hochberg (false discovery rate)",
            MultipleTesting.Correction.BENJAMINI_YEKUTIELI, "Benjamini–Yekutieli (false discovery rate)");

    private final double alpha;
    private final MultipleTesting.Correction correction;

    private DimensionTests(double alpha, MultipleTesting.Correction correction) {
        this.alpha = alpha;
        this.correction = correction;
    }

    /** Reads {@code alpha} (default 0.05) and {@code correction} (default holm). */
    static DimensionTests from(Options options) {
        double alpha = options.number("alpha", 0.05);
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException(options.where("alpha") + ": " + options.section()
                    + ".alpha is not in (0, 1): " + alpha);
        }
        String name = options.string("correction", "holm");
        MultipleTesting.Correction correction;
        try {
            correction = MultipleTesting.Correction.parse(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(options.where("correction") + ": " + options.section()
                    + ".correction is not one of " + MultipleTesting.NAMES + ": '" + name + "'", e);
        }
        return new DimensionTests(alpha, correction);
    }

    double alpha() {
        return alpha;
    }

    /**
     * @param size the family's size
     * @return the level of one test of the family, for power (see {@link PowerDemand#perTestAlpha})
     */
    double perTestAlpha(int size) {
        return PowerDemand.perTestAlpha(correction, alpha, size);
    }

    /** Adjusts the p-values of the family {@code raw} and reports them with the summary metrics. */
    CheckResult.Builder summarize(CheckResult.Builder result, List<TestResult> raw, String familyName) {
        double[] p = raw.stream().mapToDouble(TestResult::pValue).toArray();
        double[] adjusted = MultipleTesting.adjust(correction, p);
        List<TestResult> tests = new ArrayList<>(raw.size());
        long rejected = 0;
        double minP = 1;
        double minAdjusted = 1;
        for (int i = 0; i < raw.size(); i++) {
            TestResult t = raw.get(i).withAdjustedPValue(adjusted[i]);
            tests.add(t);
            rejected += t.reject(alpha) ? 1 : 0;
            minP = Math.min(minP, t.pValue());
            minAdjusted = Math.min(minAdjusted, t.adjustedPValue());
        }
        return result.passed(rejected == 0)
                .metric("tests", tests.size())
                .metric("rejected", rejected)
                .metric("minPValue", minP)
                .metric("minAdjustedPValue", minAdjusted)
                .tests(tests)
                .correction(correctionSentence(tests.size(), familyName))
                .chart(pValueChart(tests, familyName));
    }

    /**
     * @param extra metrics a check reports beyond the per-dimension ones
     * @return {@link #METRICS} followed by {@code extra}, in that order
     */
    static Set<String> metricsWith(String... extra) {
        Set<String> names = new LinkedHashSet<>(METRICS);
        names.addAll(Arrays.asList(extra));
        return names;
    }

    /** @return the largest statistic of a family whose statistics share one scale (e.g. KS distances) */
    static double maxStatistic(List<TestResult> family) {
        return family.stream().mapToDouble(TestResult::statistic).max().orElse(Double.NaN);
    }

    private String correctionSentence(int size, String familyName) {
        return correction == MultipleTesting.Correction.NONE
                ? "no correction; each of the " + size + " " + familyName + " at level " + alpha
                : SENTENCE_NAMES.get(correction) + " over " + size + " " + familyName + " at level " + alpha;
    }

    private Chart pValueChart(List<TestResult> tests, String familyName) {
        double[] x = new double[tests.size()];
        double[] y = new double[tests.size()];
        double lowest = alpha / 10;
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = Math.max(Double.MIN_NORMAL, tests.get(i).adjustedPValue());
            lowest = Math.min(lowest, y[i]);
        }
        return Chart.of("Adjusted p-value per test", "test index (" + familyName + ")", "adjusted p-value")
                .withYScale(Chart.Scale.LOG)
                .withYRange(Chart.logFloor(lowest), 1)
                .with(Series.of("adjusted p-value", Series.Style.SCATTER, x, y))
                .with(new Chart.ReferenceLine("alpha = " + alpha, alpha))
                .withAltText("Adjusted p-values of the " + tests.size() + " " + familyName
                        + " on a log scale, with the significance level " + alpha + " as a line.");
    }
}
