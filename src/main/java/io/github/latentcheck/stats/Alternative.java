package io.github.latentcheck.stats;

/** The alternative hypothesis of a test that has one-sided versions (as scipy's {@code alternative}). */
public enum Alternative {
    /** The distributions differ. */
    TWO_SIDED,
    /** scipy's {@code 'less'}: the sample's CDF lies below the reference CDF somewhere (statistic \(D^-\)). */
    LESS,
    /** scipy's {@code 'greater'}: the sample's CDF lies above the reference CDF somewhere (statistic \(D^+\)). */
    GREATER
}
