package io.github.latentcheck.assertj;

import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;

/** The multivariate two-sample test {@code hasSameJointDistributionAs} applies to whole rows. */
public enum MultivariateTest {
    /**
     * The energy distance (Székely and Rizzo), with a seeded permutation p-value: no tuning parameter, and
     * invariant to rotations and translations of both samples.
     */
    ENERGY,
    /** The maximum mean discrepancy with a Gaussian kernel (median-heuristic bandwidth), seeded permutation p-value. */
    MMD;

    TestResult apply(double[] x, double[] y, int d, Permutations permutations) {
        return this == MMD ? TwoSampleDistance.mmd(x, y, d, permutations)
                : TwoSampleDistance.energy(x, y, d, permutations);
    }
}
