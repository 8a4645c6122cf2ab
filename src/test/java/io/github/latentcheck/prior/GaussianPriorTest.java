package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class GaussianPriorTest {
    /**
     * Commons Statistics computes Φ(x) as erfc(−x/√2)/2 with a Boost port of erfc, scipy with Cephes'
     * ndtr; they agree to a few ulp in the body. In the tails the rounding of x/√2 costs Commons a
     * relative error of about x²·2⁻⁵³ (erfc′/erfc ≈ −2t): against mpmath, Commons is off by 1.3e-14
     * at x = ±8 and 1.4e-13 at x = ±37.5 and scipy by under an ulp, hence 4e-15 + x²·2⁻⁵². sf is
     * evaluated directly in both (Φ(−x)), so the upper tail keeps that precision down to 4.6e-308.
     */
    private static final Map<String, PriorReference.Tolerance> TOLERANCES = Map.of(
            "cdf", new PriorReference.Tolerance(4e-15, 0x1p-52, 0),
            "sf", new PriorReference.Tolerance(4e-15, 0x1p-52, 0),
            "pdf", PriorReference.Tolerance.of(1e-14, 0),
            "mean", PriorReference.Tolerance.of(0, 1),
            "variance", PriorReference.Tolerance.of(0, 1));

    @Test
    void marginalAgreesWithScipy(TestReporter reporter) {
        PriorReference.verify("gaussian", GaussianPrior.of(3).marginal(2), TOLERANCES, reporter);
    }

    @Test
    void describesItself() {
        GaussianPrior prior = GaussianPrior.of(5);
        assertThat(prior.type()).isEqualTo("gaussian");
        assertThat(prior.dimension()).isEqualTo(5);
        assertThat(prior.description()).isEqualTo("N(0, I_5)");
        assertThat(prior.moments(0).mean()).isZero();
    }

    @Test
    void drawsAreStandardNormalPerCoordinate() {
        PriorSampling.drawAndTest(GaussianPrior.of(4), 20_000, 11);
    }

    @Test
    void refusesDimensionZero() {
        assertThatThrownBy(() -> GaussianPrior.of(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("prior dimension is not at least 1: 0");
    }
}
