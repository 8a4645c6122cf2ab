package io.github.latentcheck.assertj;

import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.TestResult;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/** The one-sample goodness-of-fit test an assertion applies to each column. */
public enum UnivariateTest {
    /** Kolmogorov–Smirnov: the largest distance between the empirical and the reference CDF. */
    KS,
    /** Anderson–Darling: the squared distance weighted towards the tails. */
    AD,
    /** Cramér–von Mises: the integrated squared distance. */
    CVM;

    TestResult apply(double[] x, ContinuousDistribution reference) {
        switch (this) {
            case AD:
                return AndersonDarling.oneSample(x, reference);
            case CVM:
                return CramerVonMises.oneSample(x, reference);
            default:
                return KolmogorovSmirnov.oneSample(x, reference::cumulativeProbability);
        }
    }
}
