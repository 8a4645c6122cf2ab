package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class TruncatedNormalPriorTest {
    /**
     * Both libraries compute (Φ(x) − Φ(−τ)) / (Φ(τ) − Φ(−τ)) with different rearrangements against
     * cancellation, so near ±τ the difference of two close Φ values loses a few digits: against mpmath
     * at τ = 1, scipy's cdf(−0.99) is off by 1.5e-14 (Commons by 7e-16) and Commons' sf(0.999) by
     * 4e-14 (scipy by under an ulp). Within 1e-4 of ±τ the difference is an absolute error of a few
     * ulp of Φ(τ) divided by Z: at τ = 2, sf(1.9999) = 5.66e-6 is off by 1.2e-12 relative in Commons
     * and 3.6e-12 in scipy. Hence 1e-13 relative with a floor of 1e-3 (an absolute 1e-16 below it).
     */
    private static final Map<String, PriorReference.Tolerance> TOLERANCES = Map.of(
            "cdf", PriorReference.Tolerance.of(1e-13, 1e-3),
            "sf", PriorReference.Tolerance.of(1e-13, 1e-3),
            "pdf", PriorReference.Tolerance.of(1e-14, 0),
            "mean", PriorReference.Tolerance.of(1e-15, 1),
            "variance", PriorReference.Tolerance.of(1e-14, 0));

    @Test
    void marginalAgreesWithScipy(TestReporter reporter) {
        for (String tau : new String[] {"0.5", "1", "2"}) {
            PriorReference.verify("truncated(" + tau + ")",
                    TruncatedNormalPrior.of(2, Double.parseDouble(tau)).marginal(0), TOLERANCES, reporter);
        }
    }

    /**
     * The quantile function the sampler draws by, against mpmath at 50 digits, from τ = 1e-300
     * (where a rejection sampler never finishes) to τ = 8. Commons' and scipy's quantile functions
     * return 0 for every probability at τ = 1e-300; this one keeps its relative precision there.
     * The erf⁻¹ and erfc⁻¹ of Commons Numbers are good to a few ulp, and the argument's rounding
     * adds an ulp or two, hence 1e-14 relative.
     */
    @Test
    void quantilesAgreeWithMpmathFromTinyToWideThresholds(TestReporter reporter) {
        for (String tau : new String[] {"1e-300", "1e-08", "0.5", "1", "2", "8"}) {
            TruncatedNormalPrior prior = TruncatedNormalPrior.of(1, Double.parseDouble(tau));
            PriorReference.verifyQuantiles("truncated(" + tau + ")", prior::quantile,
                    PriorReference.Tolerance.of(1e-14, 0), reporter);
        }
    }

    @Test
    void aTinyThresholdDrawsAtOnceAndReproducibly() {
        TruncatedNormalPrior prior = TruncatedNormalPrior.of(4, 1e-300);

        Latents first = LatentSampler.sample(prior, 5000, 42, 1);
        Latents again = LatentSampler.sample(prior, 5000, 42, 3);

        assertThat(again.toArray()).containsExactly(first.toArray());
        for (double v : first.toArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1e-300);
        }
        assertThat(Arrays.stream(first.toArray()).filter(v -> Math.abs(v) > 0.5e-300).count())
                .as("about half of the 20,000 draws, uniform on [-τ, τ] at this τ, lie beyond τ/2 (sd 71; "
                        + "this range fails with probability 2e-12)").isBetween(9_500L, 10_500L);
    }

    @Test
    void describesItself() {
        TruncatedNormalPrior prior = TruncatedNormalPrior.of(4, 0.7);
        assertThat(prior.threshold()).isEqualTo(0.7);
        assertThat(prior.type()).isEqualTo("truncated");
        assertThat(prior.description()).isEqualTo("N(0, I_4) truncated to |z_j| <= 0.7");
    }

    @Test
    void drawsAreTruncatedNormalAndInsideTheThreshold() {
        for (double tau : new double[] {0.5, 1, 2}) {
            Latents latents = PriorSampling.drawAndTest(TruncatedNormalPrior.of(3, tau), 20_000, 13);
            for (double v : latents.toArray()) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(tau);
            }
        }
    }

    @Test
    void refusesThresholdsThatAreNotPositiveAndFinite() {
        for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> TruncatedNormalPrior.of(2, tau)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("truncation threshold is not strictly positive and finite: " + tau);
        }
    }
}
