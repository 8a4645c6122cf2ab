package io.github.latentcheck.stats;

import java.util.Objects;

/**
 * The outcome of a two-sample Kolmogorov–Smirnov test: the {@link TestResult} and whether the pooled
 * sample has ties.
 *
 * <p>With ties the empirical CDFs are compared only at the ends of the blocks of equal values, and an
 * exact p-value ({@link PValueMethod#EXACT}) is exact <i>conditional on the tie pattern</i>: the
 * probability, over all equally likely labellings of the pooled values, of a statistic at least as
 * large (Schr&ouml;er &amp; Trenkler 1995, doi:10.1016/0167-9473(94)00040-P; R's
 * {@code ks.test(x, y, exact = TRUE)}). That is a valid p-value for rounded or discrete data; the
 * asymptotic p-value ({@link PValueMethod#ASYMPTOTIC}) ignores ties and is then conservative.
 */
public final class KolmogorovSmirnovTwoSampleResult {
    private final TestResult result;
    private final boolean ties;

    private KolmogorovSmirnovTwoSampleResult(TestResult result, boolean ties) {
        this.result = Objects.requireNonNull(result, "result");
        this.ties = ties;
    }

    /**
     * @param result the test result
     * @param ties whether the pooled sample holds some value more than once
     * @return the two-sample result
     */
    public static KolmogorovSmirnovTwoSampleResult of(TestResult result, boolean ties) {
        return new KolmogorovSmirnovTwoSampleResult(result, ties);
    }

    /** @return the statistic \(D\), p-value and method */
    public TestResult result() {
        return result;
    }

    /**
     * @return {@code true} if the pooled sample holds some value more than once (within one sample or
     *     across both); an exact p-value is then exact conditional on the ties
     */
    public boolean hasTies() {
        return ties;
    }

    @Override
    public String toString() {
        return result + (ties ? " [ties]" : "");
    }
}
