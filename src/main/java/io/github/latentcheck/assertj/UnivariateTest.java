package io.github.latentcheck.assertj;

import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import java.util.List;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * The goodness-of-fit test an assertion applies to each column: one-sample against a distribution
 * ({@code followsPrior}, {@code hasMarginalsDistributedAs}), two-sample against other samples
 * ({@code hasSameDistributionAs}).
 */
public enum UnivariateTest {
    /**
     * Kolmogorov–Smirnov: the largest distance between the empirical and the reference CDF
     * ({@link KolmogorovSmirnov#oneSample}, {@link KolmogorovSmirnov#twoSample}).
     */
    KS,
    /**
     * Anderson–Darling: the squared distance weighted towards the tails ({@link AndersonDarling#oneSample};
     * two-sample, the k = 2 sample test {@link AndersonDarling#kSample} with a seeded permutation p-value).
     */
    AD,
    /** Cramér–von Mises: the integrated squared distance ({@link CramerVonMises#oneSample}, {@link CramerVonMises#twoSample}). */
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

    TestResult applyTwoSample(double[] x, double[] y, Permutations permutations) {
        switch (this) {
            case AD:
                return AndersonDarling.kSample(List.of(x, y), permutations);
            case CVM:
                return CramerVonMises.twoSample(x, y);
            default:
                return KolmogorovSmirnov.twoSample(x, y).result();
        }
    }
}
