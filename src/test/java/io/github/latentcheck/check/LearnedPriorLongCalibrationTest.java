package io.github.latentcheck.check;

import static io.github.latentcheck.check.LearnedPriorCalibrationTest.assertCalibrated;
import static io.github.latentcheck.check.LearnedPriorCalibrationTest.rawPValue;
import static io.github.latentcheck.check.LearnedPriorCalibrationTest.rejections;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.prior.FlowPrior;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LearnedPriorReference;
import io.github.latentcheck.prior.MixturePrior;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long calibration of the learned priors ({@code mvn -B -Pcalibration verify}): the flow prior through
 * its inverse and by fresh draws, and the mixture at R = 2000, as {@link LearnedPriorCalibrationTest}
 * (99.9 % binomial intervals; at most 0.1 % false failure per null check for a new seed).
 */
@Tag("calibration")
class LearnedPriorLongCalibrationTest {
    private static final Path MODELS = Path.of("fixtures", "models");

    private static FlowPrior flow(boolean withInverse) {
        return FlowPrior.of(MODELS.resolve("ring8-vae-flow-prior-flow.onnx"),
                withInverse ? MODELS.resolve("ring8-vae-flow-prior-flow-inverse.onnx") : null, GaussianPrior.of(2));
    }

    @Test
    void flowLatentKsThroughTheInverseHasItsSize() {
        FlowPrior prior = flow(true);
        assertCalibrated(rejections(prior, 2000, 200, rawPValue(LearnedPriorChecksTest.check("latent-ks"), prior, 1)),
                2000);
    }

    @Test
    void flowNormThroughTheInverseHasItsSize() {
        FlowPrior prior = flow(true);
        assertCalibrated(rejections(prior, 2000, 200, rawPValue(LearnedPriorChecksTest.check("latent-norm"), prior, 0)),
                2000);
    }

    /** B = 199 permutations: P(p ≤ 0.05) = 10/200 exactly for exchangeable rows. */
    @Test
    void flowEnergyAgainstFreshDrawsHasItsSizeWithoutAnInverse() {
        FlowPrior prior = flow(false);
        Check energy = LearnedPriorChecksTest.check("latent-energy", "permutations", 199);
        assertCalibrated(rejections(prior, 1000, 100, rawPValue(energy, prior, 0)), 1000);
    }

    /**
     * Power of the exact test through the inverse: latents of N(0, I_2) itself, tested as the flow's, are far
     * from f(N(0, I_2)) (whose variances are about 3.9 and 3.3): KS rejects essentially always at n = 200.
     */
    @Test
    void latentsThatAreNotTheFlowsAreRejected() {
        FlowPrior prior = flow(true);
        assertThat(rejections(GaussianPrior.of(2), 200, 200, rawPValue(LearnedPriorChecksTest.check("latent-ks"), prior,
                0))).isGreaterThanOrEqualTo(180);
    }

    @Test
    void mixtureMarginalKsHasItsSizeAtR2000() {
        MixturePrior prior = LearnedPriorReference.mix3();
        assertCalibrated(rejections(prior, 2000, 500, rawPValue(LearnedPriorChecksTest.check("latent-ks"), prior, 1)),
                2000);
    }
}
