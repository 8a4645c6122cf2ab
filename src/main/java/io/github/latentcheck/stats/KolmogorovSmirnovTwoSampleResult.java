package io.github.latentcheck.stats;

import java.util.Objects;

/**
 * The outcome of a two-sample Kolmogorov–Smirnov test: the {@link TestResult} and whether ties
 * between the samples could change the statistic.
 *
 * <p>With ties the order inside a tied region is unknown; the statistic is taken along the path
 * that changes \(D_{n,m}\) least, so the p-value is then an upper bound. A check should flag such a
 * result rather than trust a large p-value from heavily rounded data.
 */
public final class KolmogorovSmirnovTwoSampleResult {
    private final TestResult result;
    private final boolean significantTies;

    private KolmogorovSmirnovTwoSampleResult(TestResult result, boolean significantTies) {
        this.result = Objects.requireNonNull(result, "result");
        this.significantTies = significantTies;
    }

    /**
     * @param result the test result
     * @param significantTies whether resolving ties between the samples could raise the statistic
     * @return the two-sample result
     */
    public static KolmogorovSmirnovTwoSampleResult of(TestResult result, boolean significantTies) {
        return new KolmogorovSmirnovTwoSampleResult(result, significantTies);
    }

    /** @return the statistic \(D_{n,m}\), p-value and method */
    public TestResult result() {
        return result;
    }

    /**
     * @return {@code true} if some ordering of tied values across the two samples would give a larger
     *     \(D_{n,m}\) (the p-value is then an upper bound)
     */
    public boolean hasSignificantTies() {
        return significantTies;
    }

    @Override
    public String toString() {
        return result + (significantTies ? " [significant ties]" : "");
    }
}
