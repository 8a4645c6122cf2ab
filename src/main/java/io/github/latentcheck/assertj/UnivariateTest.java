package io.github.latentcheck.assertj;

/** The goodness-of-fit test an assertion applies to each column. */
public enum UnivariateTest {
    /** Kolmogorov–Smirnov: the largest distance between the empirical and the reference CDF. */
    KS
}
