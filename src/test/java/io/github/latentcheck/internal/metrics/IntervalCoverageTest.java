package io.github.latentcheck.internal.metrics;

/**
 * The feature metrics' 95 % intervals hold what they estimate at a rate inside the 99.9 % binomial band, R = 200
 * seeded repetitions per case (see {@link IntervalCoverage} for the bands); {@link IntervalCoverageLongTest}
 * runs R = 2,000.
 */
class IntervalCoverageTest extends IntervalCoverage {
    @Override
    int repetitions() {
        return 200;
    }
}
