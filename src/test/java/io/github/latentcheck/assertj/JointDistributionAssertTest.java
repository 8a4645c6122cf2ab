package io.github.latentcheck.assertj;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.MixturePrior;
import org.junit.jupiter.api.Test;

/**
 * {@code hasSameJointDistributionAs}: the energy (or MMD) permutation test on whole rows. The refused case
 * has the same N(0, 1) marginals as the reference but correlation 0.8 between its two columns, which the
 * per-column assertion cannot see: at 500 rows per side the energy p-value is the smallest a 999-permutation
 * test can give (0.001), for this seed and, with probability above 0.999, any other. The accepted cases
 * compare independent draws of one distribution; over seeds they would fail with probability 0.01 (the
 * level), and for the fixed seeds here they pass deterministically.
 */
class JointDistributionAssertTest {
    private static final Latents REFERENCE = LatentSampler.sample(GaussianPrior.of(2), 2000, 5, 1);
    private static final Latents SAME = LatentSampler.sample(GaussianPrior.of(2), 2000, 6, 1);

    /** (z0, 0.8 z0 + 0.6 z1): both columns N(0, 1), correlation 0.8. */
    private static Samples correlated() {
        float[] rows = new float[SAME.rows() * 2];
        for (int i = 0; i < SAME.rows(); i++) {
            double a = SAME.value(i, 0);
            double b = SAME.value(i, 1);
            rows[2 * i] = (float) a;
            rows[2 * i + 1] = (float) (0.8 * a + 0.6 * b);
        }
        return Samples.of(SAME.rows(), 2, rows);
    }

    @Test
    void acceptsIndependentDrawsOfTheSameDistribution() {
        assertThat(SAME).withSeed(3).withPermutations(199).hasSameJointDistributionAs(REFERENCE.toSamples());
        assertThat(SAME).withSeed(3).usingJointTest(MultivariateTest.MMD).withPermutations(199)
                .hasSameJointDistributionAs(REFERENCE.toSamples());
    }

    @Test
    void refusesADependenceThatEveryMarginalHides() {
        Samples correlated = correlated();
        assertThat(correlated).atLevel(0.01).hasSameDistributionAs(REFERENCE.toSamples());
        assertThatThrownBy(() -> assertThat(correlated).withSeed(3).hasSameJointDistributionAs(REFERENCE.toSamples()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting samples (2000 rows, 2 columns; seed 3)")
                .hasMessageContaining("to have the joint distribution of the other samples (2000 rows) by the ENERGY "
                        + "permutation test at level 0.01")
                .hasMessageContaining("(500 and 500 rows drawn with seed 3, 999 permutations)")
                .hasMessageContaining("but it was rejected: statistic ")
                .hasMessageContaining("p-value 0.00100")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=3");
        assertThatThrownBy(() -> assertThat(correlated).usingJointTest(MultivariateTest.MMD).withMaxRows(300)
                .hasSameJointDistributionAs(REFERENCE.toSamples()))
                .hasMessageContaining("by the MMD permutation test")
                .hasMessageContaining("(300 and 300 rows drawn with seed 0, 999 permutations)")
                .hasMessageContaining("Give the seed with withSeed(…) to have it quoted here.");
    }

    @Test
    void refusesOtherShapesAndBadOptions() {
        assertThatThrownBy(() -> assertThat(SAME).hasSameJointDistributionAs(Samples.of(2, 3, new float[6])))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have the joint distribution of samples with 3 columns");
        assertThatThrownBy(() -> assertThat(SAME).withPermutations(0))
                .isInstanceOf(InvalidInputException.class).hasMessage("permutations is not at least 1: 0");
        assertThatThrownBy(() -> assertThat(SAME).withMaxRows(1))
                .isInstanceOf(InvalidInputException.class).hasMessage("maxRows is not at least 2: 1");
    }

    @Test
    void refusesAMixturePriorWhoseCoordinatesShareTheirComponent() {
        MixturePrior mixture = MixturePrior.of(new double[] {0.5, 0.5}, new double[][] {{-2, -2}, {2, 2}},
                new double[][] {{1, 1}, {1, 1}});
        Latents latents = LatentSampler.sample(mixture, 500, 7, 1);

        assertThatThrownBy(() -> assertThat(latents).followsPriorJointly(mixture))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hasSameJointDistributionAs");
    }
}
