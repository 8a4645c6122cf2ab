package io.github.latentcheck.report;

import java.util.Map;
import java.util.Optional;

/** Why a metric is NaN when it does not apply, for the metrics whose reason is known. */
final class MetricNotes {
    private static final Map<String, String> WHY = Map.of(
            "detectableVarianceInflation", "computed only when every marginal of the prior is Gaussian, where the "
                    + "χ² variance test's power is exact",
            "baselinePrecision", "needs a holdout set", "baselineRecall", "needs a holdout set",
            "baselineDensity", "needs a holdout set", "baselineCoverage", "needs a holdout set",
            "baselineExpectedCoverage", "needs a holdout set");

    private MetricNotes() {
    }

    /**
     * @param metric {@code check.metric}
     * @return why it does not apply, when known
     */
    static Optional<String> whyNotApplicable(String metric) {
        return Optional.ofNullable(WHY.get(metric.substring(metric.indexOf('.') + 1)));
    }
}
