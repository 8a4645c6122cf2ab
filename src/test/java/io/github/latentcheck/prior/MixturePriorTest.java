package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import java.util.List;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.junit.jupiter.api.Test;

class MixturePriorTest {
    private static void near(LearnedPriorReference.Row row, double actual, double relative, double absolute) {
        double error = Math.abs(actual - row.value());
        assertThat(error).as("%s z%d %s(%s): %s vs reference %s, relative error %.3g", row.prior(), row.coordinate(),
                row.quantity(), row.x(), actual, row.value(), error / Math.abs(row.value()))
                .isLessThanOrEqualTo(Math.max(relative * Math.abs(row.value()), absolute));
    }

    /**
     * The CDF and survival function are sums of K normal CDFs of Commons Statistics (a few ulp each, see
     * {@code GaussianPriorTest}), so K = 3 terms are within 1e-14 relative of mpmath's 40-digit sums, also
     * in the far tails (the survival function never forms 1 − F). The density likewise.
     */
    @Test
    void marginalsAgreeWithMpmath() {
        MixturePrior prior = LearnedPriorReference.mix3();
        for (String q : List.of("cdf", "sf", "pdf")) {
            for (LearnedPriorReference.Row row : LearnedPriorReference.rows("mix3", q)) {
                ContinuousDistribution m = prior.marginal(row.coordinate());
                double actual = switch (q) {
                    case "cdf" -> m.cumulativeProbability(row.x());
                    case "sf" -> m.survivalProbability(row.x());
                    default -> m.density(row.x());
                };
                near(row, actual, 1e-14, 0);
            }
        }
    }

    /**
     * Brent's method stops at an absolute 1e-12 times the bracket's scale (at most 7 here), and at F's
     * relative precision (≈ 1e-15 / f(q) in x): 1e-11 absolute covers both.
     */
    @Test
    void quantilesAgreeWithMpmath() {
        MixturePrior prior = LearnedPriorReference.mix3();
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("mix3", "quantile")) {
            ContinuousDistribution m = prior.marginal(row.coordinate());
            near(row, m.inverseCumulativeProbability(row.x()), 0, 1e-11);
            near(row, m.inverseSurvivalProbability(1 - row.x()), 0, 1e-9);
        }
    }

    /** Exact sums of the components' moments: equal to rounding. */
    @Test
    void meanAndVarianceAreTheMixtures() {
        MixturePrior prior = LearnedPriorReference.mix3();
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("mix3", "mean")) {
            near(row, prior.marginal(row.coordinate()).getMean(), 1e-15, 1e-15);
        }
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("mix3", "variance")) {
            near(row, prior.marginal(row.coordinate()).getVariance(), 1e-15, 0);
        }
    }

    /** Per-coordinate KS tests at level 1e-6 (see {@link PriorSampling}): fails with probability 2e-6 per seed. */
    @Test
    void drawsFollowTheMarginalsAndPickComponentsByWeight() {
        MixturePrior prior = LearnedPriorReference.mix3();
        Latents z = PriorSampling.drawAndTest(prior, 20_000, 5);
        // Component 2 is the only one with z0 > 1.5 (almost surely: its mean is 3 and the others' tails
        // beyond 1.5 hold 1e-12 and 0.07 of their mass, weighted 0.2 and 0.5): about 0.3 + 0.5 * 0.0668.
        long high = 0;
        for (double v : z.column(0)) {
            high += v > 1.5 ? 1 : 0;
        }
        double expected = 0.3 * 0.9696 + 0.5 * 0.0668;
        // 6 binomial standard deviations: sqrt(p(1 - p)/n) = 0.0034.
        assertThat(high / 20_000.0).isCloseTo(expected, within(0.02));
    }

    @Test
    void sameSeedSameDrawsOnAnyThreadCount() {
        MixturePrior prior = LearnedPriorReference.mix3();
        assertThat(LatentSampler.sample(prior, 3000, 9, 1).toArray())
                .containsExactly(LatentSampler.sample(prior, 3000, 9, 4).toArray());
    }

    @Test
    void describesItselfAndRefusesTheMomentTests() {
        MixturePrior prior = LearnedPriorReference.mix3();
        assertThat(prior.type()).isEqualTo("mixture");
        assertThat(prior.dimension()).isEqualTo(2);
        assertThat(prior.components()).isEqualTo(3);
        assertThat(prior.description()).isEqualTo("mixture of 3 diagonal Gaussians in R^2");
        assertThatThrownBy(() -> prior.moments(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symmetric");
    }

    @Test
    void refusesBadParametersNamingTheEntry() {
        double[][] means = {{0, 0}, {1, 1}};
        double[][] scales = {{1, 1}, {1, 1}};
        assertThatThrownBy(() -> MixturePrior.of(new double[] {0.5, -0.5}, means, scales))
                .hasMessage("weights[1] is not strictly positive and finite: -0.5");
        assertThatThrownBy(() -> MixturePrior.of(new double[] {0.5, 0.6}, means, scales))
                .hasMessage("weights do not sum to 1 (within 1.0E-6): 1.1");
        assertThatThrownBy(() -> MixturePrior.of(new double[] {0.5, 0.5}, means, new double[][] {{1, 1}, {1, 0}}))
                .hasMessage("scales[1][1] is not strictly positive and finite: 0.0");
        assertThatThrownBy(() -> MixturePrior.of(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1}}, scales))
                .hasMessage("means[1] has 1 values and scales[1] 2, not 2 (the length of means[0])");
        assertThatThrownBy(() -> MixturePrior.of(new double[] {1}, means, scales))
                .hasMessage("means has 2 rows and scales 2, but there are 1 weights (one row per component)");
        assertThatThrownBy(() -> MixturePrior.of(new double[] {0.5, 0.5}, new double[][] {{0, Double.NaN}, {1, 1}},
                scales)).hasMessage("means[0][1] is not finite: NaN");
    }
}
