package io.github.latentcheck.stats;

import java.util.Objects;

/**
 * The outcome of one statistical hypothesis test: its name, statistic, p-value and its natural
 * logarithm, how the p-value was obtained, and (once a multiple-testing correction has run over its
 * family) the adjusted p-value. The logarithm stays finite where a test computes it directly and the
 * p-value itself underflows to 0 (e.g. the one-sample Kolmogorov–Smirnov test).
 */
public final class TestResult {
    private final String name;
    private final double statistic;
    private final double pValue;
    private final double logPValue;
    private final double adjustedPValue;
    private final PValueMethod method;

    private TestResult(String name, double statistic, double pValue, double logPValue, double adjustedPValue,
            PValueMethod method) {
        this.name = Objects.requireNonNull(name, "name");
        this.statistic = statistic;
        this.pValue = pValue;
        this.logPValue = logPValue;
        this.adjustedPValue = adjustedPValue;
        this.method = Objects.requireNonNull(method, "method");
    }

    /**
     * @param name what was tested, e.g. {@code "ks[z3]"}
     * @param statistic the test statistic
     * @param pValue the p-value in [0, 1]
     * @param method how the p-value was obtained
     * @return the result, with {@code logPValue() == Math.log(pValue)} and the adjusted p-value equal to
     *     the p-value until a correction runs
     */
    public static TestResult of(String name, double statistic, double pValue, PValueMethod method) {
        return new TestResult(name, statistic, pValue, Math.log(pValue), pValue, method);
    }

    /**
     * @param name what was tested
     * @param statistic the test statistic
     * @param logPValue the natural logarithm of the p-value, at most 0 (finite even where the p-value
     *     underflows to 0)
     * @param method how the p-value was obtained
     * @return the result, with p-value {@code Math.exp(logPValue)}
     */
    public static TestResult ofLog(String name, double statistic, double logPValue, PValueMethod method) {
        double p = Math.exp(logPValue);
        return new TestResult(name, statistic, p, logPValue, p, method);
    }

    /**
     * @param newName what was tested, e.g. {@code "z3"}
     * @return a copy under another name, keeping every value (also a directly computed log p-value)
     */
    public TestResult withName(String newName) {
        return new TestResult(newName, statistic, pValue, logPValue, adjustedPValue, method);
    }

    /**
     * @param adjusted the p-value after a multiple-testing correction
     * @return a copy carrying the adjusted p-value
     */
    public TestResult withAdjustedPValue(double adjusted) {
        return new TestResult(name, statistic, pValue, logPValue, adjusted, method);
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

    /**
     * @return the natural logarithm of the p-value: {@code Math.log(pValue())}, or, where the test
     *     computed it directly, finite when the p-value underflows to 0
     */
    public double logPValue() {
        return logPValue;
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
