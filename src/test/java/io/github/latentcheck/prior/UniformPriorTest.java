package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class UniformPriorTest {
    /**
     * The uniform CDF (x − a)/(b − a) and density 1/(b − a) are one or two correctly rounded
     * operations in both libraries, so they agree to an ulp or two; the moments are closed forms.
     */
    private static final Map<String, PriorReference.Tolerance> TOLERANCES = Map.of(
            "cdf", PriorReference.Tolerance.of(1e-15, 0),
            "sf", PriorReference.Tolerance.of(1e-15, 0),
            "pdf", PriorReference.Tolerance.of(1e-15, 0),
            "mean", PriorReference.Tolerance.of(1e-15, 1),
            "variance", PriorReference.Tolerance.of(1e-15, 0));

    @Test
    void marginalAgreesWithScipy(TestReporter reporter) {
        PriorReference.verify("uniform(-1;1)", UniformPrior.of(2, -1, 1).marginal(0), TOLERANCES, reporter);
        PriorReference.verify("uniform(2;5)", UniformPrior.of(2, 2, 5).marginal(1), TOLERANCES, reporter);
    }

    @Test
    void describesItself() {
        assertThat(UniformPrior.of(8, -1, 1).description()).isEqualTo("U(-1, 1)^8");
        assertThat(UniformPrior.of(2, 0.5, 2.25).description()).isEqualTo("U(0.5, 2.25)^2");
        assertThat(UniformPrior.of(1, 2, 5).type()).isEqualTo("uniform");
    }

    @Test
    void drawsAreUniformAndInsideTheHalfOpenInterval() {
        for (double[] bounds : new double[][] {{-1, 1}, {2, 5}}) {
            double a = bounds[0];
            double b = bounds[1];
            Latents latents = PriorSampling.drawAndTest(UniformPrior.of(3, a, b), 20_000, 12);
            for (double v : latents.toArray()) {
                assertThat(v).isGreaterThanOrEqualTo(a).isLessThan(b);
            }
        }
    }

    @Test
    void refusesBoundsThatAreNotAnInterval() {
        assertThatThrownBy(() -> UniformPrior.of(2, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("uniform prior bounds are not finite with low < high: low=1.0, high=1.0");
        assertThatThrownBy(() -> UniformPrior.of(2, 3, -3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("low=3.0, high=-3.0");
        assertThatThrownBy(() -> UniformPrior.of(2, Double.NaN, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("low=NaN");
        assertThatThrownBy(() -> UniformPrior.of(2, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("high=Infinity");
    }
}
