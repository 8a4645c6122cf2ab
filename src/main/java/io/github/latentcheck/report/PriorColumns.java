package io.github.latentcheck.report;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A run's checks and metrics laid out with one column per prior, as the HTML and Markdown reports show them. */
final class PriorColumns {
    private PriorColumns() {
    }

    /** @return every check id of the run, in spec order */
    static Set<String> checkIds(ExperimentResult result) {
        Set<String> ids = new LinkedHashSet<>();
        for (PriorRun run : result.runs()) {
            run.checks().forEach(c -> ids.add(c.id()));
        }
        return ids;
    }

    static Optional<CheckResult> checkOf(PriorRun run, String id) {
        return run.checks().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * @return each metric of the check with its value per prior (NaN where a prior lacks it), in
     *     reporting order
     */
    static Map<String, List<Number>> metricRows(List<PriorRun> runs, String check) {
        Set<String> metrics = new LinkedHashSet<>();
        runs.forEach(r -> checkOf(r, check).ifPresent(c -> metrics.addAll(c.metrics().keySet())));
        Map<String, List<Number>> rows = new LinkedHashMap<>();
        for (String metric : metrics) {
            rows.put(metric, runs.stream().map(r -> checkOf(r, check).flatMap(c -> c.metric(metric))
                    .orElse(Double.NaN)).toList());
        }
        return rows;
    }

    /** @return whether no prior has a value: the metric does not apply to this run */
    static boolean notApplicable(List<Number> values) {
        return values.stream().allMatch(v -> Double.isNaN(v.doubleValue()));
    }

    static long count(List<CheckResult> checks, CheckResult.State state) {
        return checks.stream().filter(c -> c.state() == state).count();
    }
}
