package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.LearnedPriorReference;
import io.github.latentcheck.prior.MixturePrior;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * Seeded calibration of the latent checks under learned priors. Under H0 a test's p-value falls at or
 * below alpha = 0.05 with probability 0.05 (exactly for the exact tests, to 1/(B + 1) for permutation
 * tests), so over R seeded repetitions the rejection count must lie in the exact 99.9 % binomial
 * interval around R · 0.05; under a known alternative the test must reject in at least 90 % of them.
 *
 * <p>False-failure rate: each null check falls outside its interval with probability at most 0.1 %
 * for a new seed (four here: at most 0.4 %); the power checks have power near 1 at these sizes. With
 * the fixed seeds the outcome is deterministic. The long versions (the flow prior, larger R) are in
 * {@link LearnedPriorLongCalibrationTest}, run with {@code -Pcalibration}.
 */
class LearnedPriorCalibrationTest {
    static final double ALPHA = 0.05;

    /**
     * @return the number of the R repetitions, each n seeded draws of {@code drawn} (seed = repetition),
     *     whose p-value is at most alpha
     */
    static int rejections(Prior drawn, int repetitions, int n, PValue pValue) {
        int count = 0;
        for (int r = 0; r < repetitions; r++) {
            count += pValue.of(LatentSampler.sample(drawn, n, 1000 + r, 1), 1000 + r) <= ALPHA ? 1 : 0;
        }
        return count;
    }

    /** One repetition's p-value: its latents, and the seed of the check's own randomness. */
    @FunctionalInterface
    interface PValue {
        double of(Latents latents, long seed);
    }

    static void assertCalibrated(int rejections, int repetitions) {
        BinomialDistribution count = BinomialDistribution.of(repetitions, ALPHA);
        int lower = count.inverseCumulativeProbability(0.0005);
        int upper = count.inverseCumulativeProbability(0.9995);
        assertThat(rejections).as("rejections of %d null repetitions at alpha %s (99.9 %% interval [%d, %d])",
                repetitions, ALPHA, lower, upper).isBetween(lower, upper);
    }

    /**
     * @return the p-value of test {@code index} of the check, before correction; the check's seed is the
     *     repetition's, so that a check's own draws (latent-energy's fresh rows) are new in every repetition
     */
    static PValue rawPValue(Check check, Prior tested, int index) {
        return (z, seed) -> check.run(CheckInput.of(tested, z, z.toSamples(), null, null, seed, 1)).tests().get(index)
                .pValue();
    }

    @Test
    void whitenedNormTestHasItsSizeUnderAFullCovariance() {
        GaussianPrior prior = LearnedPriorReference.full3();
        assertCalibrated(rejections(prior, 1000, 200, rawPValue(LearnedPriorChecksTest.check("latent-norm"), prior, 0)),
                1000);
    }

    @Test
    void whitenedIndependenceTestHasItsSizeUnderAFullCovariance() {
        GaussianPrior prior = LearnedPriorReference.full3();
        assertCalibrated(rejections(prior, 1000, 200,
                rawPValue(LearnedPriorChecksTest.check("latent-independence"), prior, 0)), 1000);
    }

    /**
     * The KS test of coordinate 1 against the mixture's exact marginal CDF, as latent-ks runs it (the check
     * itself, with its charts, is calibrated at R = 2000 in the long suite).
     */
    @Test
    void mixtureMarginalKsHasItsSize() {
        MixturePrior prior = LearnedPriorReference.mix3();
        assertCalibrated(rejections(prior, 1000, 200, (z, seed) -> KolmogorovSmirnov.oneSample(z.column(1),
                prior.marginal(1)::cumulativeProbability).pValue()), 1000);
    }

    /** B = 99 permutations: P(p ≤ 0.05) = 5/100 exactly for exchangeable rows. */
    @Test
    void latentEnergyAgainstFreshDrawsHasItsSizeUnderAMixture() {
        Prior prior = LearnedPriorReference.mix3();
        Check energy = LearnedPriorChecksTest.check("latent-energy", "permutations", 99);
        assertCalibrated(rejections(prior, 400, 50, rawPValue(energy, prior, 0)), 400);
    }

    /**
     * Power: latents of N(μ, Σ') with Σ'₀₁ = −0.6 instead of 0.6 (the same marginals) are tested against
     * N(μ, Σ); the whitened coordinates then have correlation about −0.65, which at n = 200 the t-test
     * detects essentially always. A mean shifted by half a prior sd in coordinate 0 likewise for KS at n = 200
     * (its power there is about 0.97).
     */
    @Test
    void aWrongCovarianceOrMeanIsRejectedAlmostAlways() {
        GaussianPrior prior = LearnedPriorReference.full3();
        double[][] flipped = LearnedPriorReference.covariance3();
        flipped[0][1] = -0.6;
        flipped[1][0] = -0.6;
        GaussianPrior wrongCovariance = GaussianPrior.withCovariance(prior.mean(), flipped);
        assertThat(rejections(wrongCovariance, 200, 200,
                rawPValue(LearnedPriorChecksTest.check("latent-independence"), prior, 0))).isGreaterThanOrEqualTo(180);
        double[] shiftedMean = prior.mean();
        shiftedMean[0] += 0.5 * Math.sqrt(2);
        GaussianPrior wrongMean = GaussianPrior.withCovariance(shiftedMean, LearnedPriorReference.covariance3());
        assertThat(rejections(wrongMean, 200, 200, rawPValue(LearnedPriorChecksTest.check("latent-ks"), prior, 0)))
                .isGreaterThanOrEqualTo(180);
    }
}
