package io.github.latentcheck.report;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import io.github.latentcheck.stats.MultipleTesting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Which rows of the side-by-side table differ significantly between priors. Only metrics that count
 * samples out of each run's N can be compared from the report alone: mode-coverage's
 * {@code hqSamples} and {@code count<k>}. For each such row, the counts c<sub>i</sub> and
 * N<sub>i</sub> − c<sub>i</sub> of the priors form a P × 2 table, tested for homogeneity by
 * Fisher's exact test when there are two priors and by Pearson's χ² test (P − 1 degrees of
 * freedom) otherwise; the p-values are Holm-adjusted over the rows tested, and a row differs when its
 * adjusted p-value is below {@value #ALPHA}. Other metrics (p-values, distances, fractions of
 * subsamples) have no sampling distribution in the report and are never highlighted.
 *
 * <p>References: R. A. Fisher (1922), On the interpretation of χ² from contingency tables, J. R.
 * Stat. Soc. 85(1), 87–94, doi:10.2307/2340521; S. Holm (1979), A simple sequentially rejective
 * multiple test procedure, Scand. J. Stat. 6(2), 65–70.
 */
final class PriorDifferences {
    /** The family-wise level at which a row is highlighted. */
    static final double ALPHA = 0.05;

    private final Map<String, Double> adjusted;
    private final String method;

    private PriorDifferences(Map<String, Double> adjusted, String method) {
        this.adjusted = adjusted;
        this.method = method;
    }

    static PriorDifferences of(ExperimentResult result) {
        List<PriorRun> runs = result.runs();
        Map<String, Double> raw = new LinkedHashMap<>();
        for (CheckResult check : runs.get(0).checks()) {
            if (!check.type().equals("mode-coverage")) {
                continue;
            }
            for (String metric : check.metrics().keySet()) {
                if (metric.equals("hqSamples") || metric.matches("count\\d+")) {
                    test(runs, check.id(), metric).ifPresent(p -> raw.put(key(check.id(), metric), p));
                }
            }
        }
        double[] p = raw.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] holm = MultipleTesting.holm(p);
        Map<String, Double> adjusted = new LinkedHashMap<>();
        int i = 0;
        for (String key : raw.keySet()) {
            adjusted.put(key, holm[i++]);
        }
        String method = (runs.size() == 2 ? "Fisher's exact test" : "Pearson's χ² test")
                + " on each prior's count against the rest of its samples, Holm-adjusted over the "
                + adjusted.size() + " sample counts compared, at level " + Formats.number(ALPHA);
        return new PriorDifferences(adjusted, method);
    }

    private static Optional<Double> test(List<PriorRun> runs, String check, String metric) {
        long[] counts = new long[runs.size()];
        long[] totals = new long[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            PriorRun run = runs.get(i);
            Optional<Number> value = run.checks().stream().filter(c -> c.id().equals(check)).findFirst()
                    .flatMap(c -> c.metric(metric));
            if (value.isEmpty() || !(value.get() instanceof Long)) {
                return Optional.empty();
            }
            counts[i] = value.get().longValue();
            totals[i] = run.samples().rows();
        }
        return homogeneity(counts, totals);
    }

    /**
     * @param counts each prior's count
     * @param totals each prior's number of samples, at least its count
     * @return the p-value of "every prior has the same proportion": Fisher's exact test for two priors,
     *     Pearson's χ² test otherwise; empty when every count is 0 or every count is its total
     */
    static Optional<Double> homogeneity(long[] counts, long[] totals) {
        long[][] table = new long[counts.length][2];
        long inside = 0;
        long outside = 0;
        for (int i = 0; i < counts.length; i++) {
            table[i][0] = counts[i];
            table[i][1] = totals[i] - counts[i];
            inside += table[i][0];
            outside += table[i][1];
        }
        if (inside == 0 || outside == 0) {
            return Optional.empty();
        }
        if (counts.length == 2) {
            int[][] small = {{(int) table[0][0], (int) table[0][1]}, {(int) table[1][0], (int) table[1][1]}};
            return Optional.of(FisherExactTest.withDefaults().test(small).getPValue());
        }
        return Optional.of(ChiSquareTest.withDefaults().test(table).getPValue());
    }

    private static String key(String check, String metric) {
        return check + "." + metric;
    }

    /** @return the Holm-adjusted p-value of the row, when the row was tested */
    Optional<Double> adjustedPValue(String check, String metric) {
        return Optional.ofNullable(adjusted.get(key(check, metric)));
    }

    /** @return whether the row differs significantly between the priors */
    boolean differs(String check, String metric) {
        return adjustedPValue(check, metric).map(p -> p < ALPHA).orElse(false);
    }

    /** @return whether any row was tested */
    boolean anyTested() {
        return !adjusted.isEmpty();
    }

    /** @return which test and correction, in words */
    String method() {
        return method;
    }
}
