package io.github.latentcheck.stats;

import java.util.Locale;

/** How a p-value was obtained. */
public enum PValueMethod {
    /** From the exact null distribution of the statistic (to floating-point accuracy). */
    EXACT,
    /** From a limiting distribution; accurate as the sample grows. */
    ASYMPTOTIC,
    /** From a seeded permutation of the pooled samples, {@code p = (k + 1) / (B + 1)}. */
    PERMUTATION,
    /** From seeded Monte Carlo sampling of the null distribution. */
    ESTIMATE,
    /**
     * The method could not deliver the p-value (its self-check failed); the p-value is NaN, and the
     * test is not replaced by another method behind the caller's back.
     */
    UNAVAILABLE;

    /** @return the lower-case name used in results files, e.g. {@code "exact"} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
