package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import org.junit.jupiter.api.Test;

class LearnedGaussianPriorTest {
    private static final double[] MEAN = {0.5, -1, 2};

    /** Marginal j of N(μ, Σ) is N(μ_j, Σ_jj): scipy's norm values, within the tolerance of GaussianPriorTest. */
    @Test
    void marginalsAreTheLearnedOnes() {
        GaussianPrior prior = LearnedPriorReference.full3();
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("full3", "cdf")) {
            assertThat(prior.marginal(row.coordinate()).cumulativeProbability(row.x()))
                    .isCloseTo(row.value(), within(1e-14 * row.value()));
        }
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("full3", "sf")) {
            assertThat(prior.marginal(row.coordinate()).survivalProbability(row.x()))
                    .isCloseTo(row.value(), within(1e-14 * row.value()));
        }
        assertThat(prior.moments(1).mean()).isEqualTo(-1);
        assertThat(prior.moments(1).mu2()).isCloseTo(1, within(1e-15));
        assertThat(prior.moments(0).isGaussian()).isTrue();
    }

    /** Commons Math's Cholesky against numpy.linalg.cholesky: both O(d³) in double, 1e-15 absolute here. */
    @Test
    void choleskyFactorAgreesWithNumpy() {
        double[][] l = LearnedPriorReference.full3().cholesky();
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("full3", "cholesky")) {
            assertThat(l[row.coordinate() / 3][row.coordinate() % 3]).isCloseTo(row.value(), within(1e-15));
        }
    }

    /** Forward substitution against numpy.linalg.solve on the 200-row input: 1e-13 absolute (values up to ~4). */
    @Test
    void whiteningAgreesWithNumpy() {
        Latents z = SampleFiles.readLatents(LearnedPriorReference.GAUSSIAN_FULL_SAMPLE);
        Latents y = LearnedPriorReference.full3().whiten(z);
        for (LearnedPriorReference.Row row : LearnedPriorReference.rows("full3", "whitened")) {
            assertThat(y.value((int) row.x(), row.coordinate())).isCloseTo(row.value(), within(1e-13));
        }
        LatentReference joint = LearnedPriorReference.full3().jointReference();
        assertThat(joint.law().description()).isEqualTo("N(0, I_3)");
        assertThat(joint.apply(z).toArray()).containsExactly(y.toArray());
        assertThat(GaussianPrior.of(3).jointReference().isIdentity()).isTrue();
    }

    /** The same law three ways: Σ, its factor L, and for a diagonal Σ the scales. */
    @Test
    void covarianceAndCholeskyGiveTheSameDraws() {
        GaussianPrior byCovariance = LearnedPriorReference.full3();
        GaussianPrior byFactor = GaussianPrior.withCholesky(MEAN, byCovariance.cholesky());
        assertThat(LatentSampler.sample(byFactor, 2000, 3, 2).toArray())
                .containsExactly(LatentSampler.sample(byCovariance, 2000, 3, 1).toArray());
        GaussianPrior diagonal = GaussianPrior.of(MEAN, new double[] {2, 1, 0.5});
        GaussianPrior sameDiagonal = GaussianPrior.withCovariance(MEAN, new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 0.25}});
        double[] a = LatentSampler.sample(diagonal, 500, 3, 1).toArray();
        double[] b = LatentSampler.sample(sameDiagonal, 500, 3, 1).toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-14 * (1 + Math.abs(a[i]))));
        }
    }

    /**
     * Draws of N(μ, Σ) follow the learned marginals (KS at 1e-6 per coordinate, see {@link PriorSampling}),
     * and their sample covariance is Σ: each entry's standard error is at most sqrt((Σ_ii Σ_jj + Σ_ij²)/n)
     * ≈ 0.011 at n = 40 000, so 0.06 is over 5 standard errors.
     */
    @Test
    void drawsHaveTheLearnedLaw() {
        GaussianPrior prior = LearnedPriorReference.full3();
        Latents z = PriorSampling.drawAndTest(prior, 40_000, 17);
        double[][] sigma = LearnedPriorReference.covariance3();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double[] a = z.column(i);
                double[] b = z.column(j);
                double s = 0;
                for (int r = 0; r < a.length; r++) {
                    s += (a[r] - MEAN[i]) * (b[r] - MEAN[j]);
                }
                assertThat(s / a.length).as("covariance[%d][%d]", i, j).isCloseTo(sigma[i][j], within(0.06));
            }
        }
    }

    @Test
    void describesItself() {
        assertThat(GaussianPrior.of(MEAN, new double[] {2, 1, 0.5}).description())
                .isEqualTo("N(mean, diag(scale^2)) in R^3, mean [0.5000, -1.000, 2.000], scale [2.000, 1.000, 0.5000]");
        assertThat(LearnedPriorReference.full3().description())
                .isEqualTo("N(mean, covariance) in R^3, mean [0.5000, -1.000, 2.000], full covariance");
        assertThat(LearnedPriorReference.full3().type()).isEqualTo("gaussian");
        assertThat(LearnedPriorReference.full3().isStandard()).isFalse();
    }

    @Test
    void refusesBadParametersNamingTheEntry() {
        assertThatThrownBy(() -> GaussianPrior.of(MEAN, new double[] {1, 0, 1}))
                .hasMessage("scale[1] is not strictly positive and finite: 0.0");
        assertThatThrownBy(() -> GaussianPrior.of(MEAN, new double[] {1, 1}))
                .hasMessage("scale has 2 values but the mean has 3");
        assertThatThrownBy(() -> GaussianPrior.of(new double[] {0, Double.POSITIVE_INFINITY}, new double[] {1, 1}))
                .hasMessage("mean[1] is not finite: Infinity");
        assertThatThrownBy(() -> GaussianPrior.withCovariance(MEAN, new double[][] {{1, 0.5, 0}, {0.4, 1, 0}, {0, 0, 1}}))
                .hasMessage("covariance is not symmetric: [0][1] = 0.5 but [1][0] = 0.4");
        assertThatThrownBy(() -> GaussianPrior.withCovariance(MEAN, new double[][] {{1, 2, 0}, {2, 1, 0}, {0, 0, 1}}))
                .hasMessageStartingWith("covariance is not positive-definite: its Cholesky pivot of row 1 is ");
        assertThatThrownBy(() -> GaussianPrior.withCovariance(MEAN, new double[][] {{1, 0}, {0, 1}}))
                .hasMessage("covariance has 2 rows but the mean has 3 values");
        assertThatThrownBy(() -> GaussianPrior.withCholesky(MEAN, new double[][] {{1, 0, 0}, {0.5, 1, 0.1}, {0, 0, 1}}))
                .hasMessage("cholesky is not lower-triangular: [1][2] = 0.1");
        assertThatThrownBy(() -> GaussianPrior.withCholesky(MEAN, new double[][] {{1, 0, 0}, {0.5, -1, 0}, {0, 0, 1}}))
                .hasMessage("cholesky[1][1] (a diagonal entry) is not strictly positive: -1.0");
        assertThatThrownBy(() -> GaussianPrior.withCholesky(MEAN, new double[][] {{1, 0, 0}, {0.5, 1, 0}, {0, 0}}))
                .hasMessage("cholesky[2] has 2 values, not 3");
    }
}
