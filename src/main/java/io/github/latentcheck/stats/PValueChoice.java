package io.github.latentcheck.stats;

/** Which p-value computation a test with both an exact and an asymptotic one should use. */
public enum PValueChoice {
    /** The test's default switch (documented on each test). */
    AUTO,
    /** The exact null distribution, whatever the cost. */
    EXACT,
    /** The limiting distribution. */
    ASYMPTOTIC
}
