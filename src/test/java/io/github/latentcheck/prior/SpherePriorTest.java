package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class SpherePriorTest {
    /**
     * The reference evaluates Beta((d−1)/2, (d−1)/2) at the same u = (x/√d + 1)/2, rounded the same
     * way, so only the regularized incomplete beta function is compared: both libraries use
     * Boost-derived code (Commons Statistics ports it; scipy calls it), agreeing to a few ulp, also
     * for the survival function in the tails (sf is computed directly, down to 1e-181 at d = 64).
     * The variance is 4d·Var(B) = d/d = 1 up to rounding.
     */
    private static final Map<String, PriorReference.Tolerance> TOLERANCES = Map.of(
            "cdf", PriorReference.Tolerance.of(1e-14, 0),
            "sf", PriorReference.Tolerance.of(1e-14, 0),
            "pdf", PriorReference.Tolerance.of(1e-14, 0),
            "mean", PriorReference.Tolerance.of(0, 1),
            "variance", PriorReference.Tolerance.of(1e-15, 0));

    @Test
    void marginalAgreesWithScipy(TestReporter reporter) {
        for (int d : new int[] {2, 3, 8, 64}) {
            PriorReference.verify("sphere(" + d + ")", SpherePrior.of(d).marginal(d - 1), TOLERANCES, reporter);
        }
    }

    @Test
    void marginalHasUnitVarianceAndTheSphereAsSupport() {
        for (int d : new int[] {2, 3, 8, 64, 512}) {
            SpherePrior prior = SpherePrior.of(d);
            // 4d · a²/((2a)²(2a+1)) with a = (d−1)/2 is 1; rounding leaves a few ulp.
            assertThat(prior.marginal(0).getVariance()).as("d = %d", d).isCloseTo(1, within(1e-15));
            assertThat(prior.moments(0).mu2()).as("d = %d", d).isCloseTo(1, within(1e-15));
            assertThat(prior.marginal(0).getSupportUpperBound()).isEqualTo(Math.sqrt(d));
            assertThat(prior.marginal(0).getSupportLowerBound()).isEqualTo(-Math.sqrt(d));
        }
    }

    @Test
    void drawsLieOnTheSphereWithTheBetaMarginal() {
        for (int d : new int[] {2, 3, 8, 64}) {
            SpherePrior prior = SpherePrior.of(d);
            Latents latents = PriorSampling.drawAndTest(prior, 10_000, 14);
            for (int r = 0; r < latents.rows(); r++) {
                double norm2 = 0;
                for (double v : latents.row(r)) {
                    norm2 += v * v;
                }
                // A Gaussian vector scaled by √d/‖g‖: the norm is √d up to a few ulp of rounding.
                assertThat(Math.sqrt(norm2)).as("d = %d, row %d", d, r).isCloseTo(Math.sqrt(d), within(1e-12));
            }
        }
    }

    @Test
    void refusesDimensionOne() {
        assertThatThrownBy(() -> SpherePrior.of(1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sphere prior dimension is not at least 2: 1");
    }
}
