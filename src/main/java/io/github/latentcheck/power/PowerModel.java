package io.github.latentcheck.power;

/**
 * The power of one test of a check's family against a one-parameter family of alternatives, indexed
 * by an effect size in the check's own unit (a KS distance, a mean shift in standard deviations). The
 * level given is the per-test level, after the family's multiple-testing correction has been applied
 * (see {@link PowerDemand#perTestAlpha}).
 */
public interface PowerModel {
    /** @return the effect's unit as a reader says it, e.g. {@code "KS distance"} */
    String unit();

    /**
     * @param n the sample size
     * @param alpha the per-test level, in (0, 1)
     * @param effect the effect size, positive
     * @return the probability that the test rejects at level {@code alpha} under that effect
     */
    double power(int n, double alpha, double effect);

    /**
     * @param n the sample size
     * @param alpha the per-test level, in (0, 1)
     * @param power the target power, in (0, 1)
     * @return the smallest effect the test detects with at least that power
     */
    double detectableEffect(int n, double alpha, double power);

    /**
     * @param alpha the per-test level, in (0, 1)
     * @param effect the effect size, positive
     * @param power the target power, in (0, 1)
     * @return the smallest sample size at which the test has at least that power against that effect
     */
    long requiredSamples(double alpha, double effect, double power);
}
