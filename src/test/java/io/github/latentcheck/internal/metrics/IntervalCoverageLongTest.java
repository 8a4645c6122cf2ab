package io.github.latentcheck.internal.metrics;

import org.junit.jupiter.api.Tag;

/** {@link IntervalCoverage} with R = 2,000 repetitions per case, run by {@code mvn -B -Pcalibration verify}. */
@Tag("calibration")
class IntervalCoverageLongTest extends IntervalCoverage {
    @Override
    int repetitions() {
        return 2_000;
    }
}
