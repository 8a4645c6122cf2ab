package io.github.latentcheck.stats;

import java.util.Objects;

/**
 * The outcome of one statistical hypothesis test: its name, statistic, p-value, how the p-value was
 * obtained, and (once a multiple-testing correction has run over its family) the adjusted p-value.
 */
public final class TestResult {
    private final String name;
    private final double statistic;
    private final double pValue;
    private final double adjustedPValue;
    private final PValueMethod method;

    private TestResult(String name, double statistic, double pValue, double adjustedPValue, PValueMethod method) {
        this.name = Objects.requireNonNull(name, "name");
        this.statistic = statistic;
        this.pValue = pValue;
        this.adjustedPValue = adjustedPValue;
        this.method = Objects.requireNonNull(method, "method");
    }

    /**
     * @param name what was tested, e.g. {@code "ks[z3]"}
     * @param statistic the test statistic
     * @param pValue the p-value in [0, 1]
     * @param method how the p-value was obtained
     * @return the result, with the adjusted p-value equal to the p-value until a correction runs
     */
    public static TestResult of(String name, double statistic, double pValue, PValueMethod method) {
        return new TestResult(name, statistic, pValue, pValue, method);
    }

    /**
     * @param adjusted the p-value after a multiple-testing correction
     * @return a copy carrying the adjusted p-value
     */
    public TestResult withAdjustedPValue(double adjusted) {
        return new TestResult(name, statistic, pValue, adjusted, method);
    }

    /** @return what was tested */
    public String name() {
        return name;
    }

    /** @return the test statistic */
    public double statistic() {
        return statistic;
    }

    /** @return the p-value */
    public double pValue() {
        return pValue;
    }

    /** @return the p-value after the check's multiple-testing correction (the p-value itself when none ran) */
    public double adjustedPValue() {
        return adjustedPValue;
    }

    /** @return how the p-value was obtained */
    public PValueMethod method() {
        return method;
    }

    /**
     * @param alpha the significance level, in (0, 1)
     * @return whether the adjusted p-value is below {@code alpha}
     */
    public boolean reject(double alpha) {
        return adjustedPValue < alpha;
    }

    @Override
    public String toString() {
        return name + ": statistic=" + statistic + ", p=" + pValue + ", adjusted p=" + adjustedPValue
                + " (" + method.label() + ")";
    }
}
