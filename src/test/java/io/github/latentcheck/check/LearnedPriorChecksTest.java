package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.LearnedPriorReference;
import io.github.latentcheck.prior.MixturePrior;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.TestResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latent checks under learned priors: reference values, the priors they refuse, and power against wrong ones. */
class LearnedPriorChecksTest {
    static Check check(String type, Object... options) {
        Map<String, Object> map = new HashMap<>();
        map.put("type", type);
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return Checks.create(Options.of(map, "checks[0]"));
    }

    static CheckResult run(Check check, Prior prior, Latents latents) {
        check.validate(prior);
        return check.run(CheckInput.of(prior, latents, latents.toSamples(), null, null, 11, 2));
    }

    private static void relative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected)).as("%s vs reference %s", actual, expected)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }

    /**
     * latent-norm whitens with the learned covariance: its KS statistic and exact p-value are scipy's kstest of
     * |L⁻¹(z − μ)|² against χ²₃. Whitening agrees with numpy to 1e-13, so the statistic to 1e-10 relative; at
     * n = 200 scipy's kstwo is no longer exact (Pelz–Good beyond n = 140, relative errors up to 3.8e-6, see
     * {@code KolmogorovSmirnov}) while ours is exact to 1e-10, hence 4e-6 on the p-value.
     */
    @Test
    void latentNormIsTheMahalanobisNormAgainstChiSquared() {
        Latents z = SampleFiles.readLatents(LearnedPriorReference.GAUSSIAN_FULL_SAMPLE);
        CheckResult result = run(check("latent-norm"), LearnedPriorReference.full3(), z);
        relative(result.metric("statistic").orElseThrow().doubleValue(),
                LearnedPriorReference.rows("full3", "norm-ks").get(0).value(), 1e-10);
        relative(result.tests().get(0).pValue(), LearnedPriorReference.rows("full3", "norm-p").get(0).value(), 4e-6);
    }

    /** latent-independence correlates the whitened coordinates: scipy's pearsonr r and p to 1e-10 relative. */
    @Test
    void latentIndependenceTestsTheWhitenedCoordinates() {
        Latents z = SampleFiles.readLatents(LearnedPriorReference.GAUSSIAN_FULL_SAMPLE);
        List<TestResult> tests = run(check("latent-independence"), LearnedPriorReference.full3(), z).tests();
        List<LearnedPriorReference.Row> r = LearnedPriorReference.rows("full3", "corr");
        List<LearnedPriorReference.Row> p = LearnedPriorReference.rows("full3", "corr-p");
        assertThat(tests).hasSize(3);
        for (int i = 0; i < 3; i++) {
            relative(tests.get(i).statistic(), r.get(i).value(), 1e-10);
            relative(tests.get(i).pValue(), p.get(i).value(), 1e-10);
        }
    }

    /** The raw sample is strongly correlated (Σ₀₁ = 0.6): without whitening the independence test would reject. */
    @Test
    void theSameSampleIsCorrelatedBeforeWhitening() {
        Latents z = SampleFiles.readLatents(LearnedPriorReference.GAUSSIAN_FULL_SAMPLE);
        CheckResult whitened = run(check("latent-independence"), LearnedPriorReference.full3(), z);
        CheckResult raw = run(check("latent-independence"), GaussianPrior.of(3), z);
        assertThat(whitened.metric("rejected").orElseThrow().intValue()).isZero();
        assertThat(raw.metric("rejected").orElseThrow().intValue()).isPositive();
    }

    /**
     * A run of the learned prior passes every latent check (seeded; each check's false failure rate at its
     * alpha = 0.001 is at most 0.1 %).
     */
    @Test
    void drawsOfTheLearnedPriorPassEveryLatentCheck() {
        GaussianPrior prior = LearnedPriorReference.full3();
        Latents z = LatentSampler.sample(prior, 2000, 5, 2);
        for (String type : List.of("latent-ks", "latent-ad", "latent-cvm", "moments", "latent-norm",
                "latent-independence", "mardia", "henze-zirkler", "latent-energy")) {
            CheckResult result = run(check(type, "alpha", 0.001), prior, z);
            assertThat(result.metric("rejected").orElseThrow().intValue()).as(type).isZero();
        }
    }

    /**
     * Power against a wrong mean: latents shifted by 0.5 prior sd in coordinate 0 (n = 2000; KS's power there is
     * essentially 1: the shift is 11 standard errors of the mean). Against a wrong covariance with the same
     * marginals (the correlation of z0 and z1 flipped in sign), the marginal checks cannot see it but the
     * whitened ones do.
     */
    @Test
    void aWrongMeanOrAWrongCovarianceIsRejected() {
        GaussianPrior prior = LearnedPriorReference.full3();
        double[] shifted = LatentSampler.sample(prior, 2000, 6, 2).toArray();
        for (int r = 0; r < 2000; r++) {
            shifted[3 * r] += 0.5 * Math.sqrt(2);
        }
        assertThat(run(check("latent-ks", "alpha", 0.001), prior, Latents.of(2000, 3, shifted))
                .metric("rejected").orElseThrow().intValue()).isEqualTo(1);
        double[][] flipped = LearnedPriorReference.covariance3();
        flipped[0][1] = -0.6;
        flipped[1][0] = -0.6;
        Latents wrong = LatentSampler.sample(GaussianPrior.withCovariance(prior.mean(), flipped), 2000, 6, 2);
        assertThat(run(check("latent-ks", "alpha", 0.001), prior, wrong).metric("rejected").orElseThrow().intValue())
                .isZero();
        assertThat(run(check("latent-independence", "alpha", 0.001), prior, wrong).metric("rejected").orElseThrow()
                .intValue()).isPositive();
        assertThat(run(check("latent-energy", "alpha", 0.01), prior, wrong).tests().get(0).pValue()).isLessThan(0.01);
    }

    @Test
    void theMixturePriorIsTestedByItsMarginalsAndFreshDraws() {
        MixturePrior prior = LearnedPriorReference.mix3();
        Latents z = LatentSampler.sample(prior, 2000, 8, 2);
        assertThat(run(check("latent-ks", "alpha", 0.001), prior, z).metric("rejected").orElseThrow().intValue())
                .isZero();
        assertThat(run(check("latent-energy", "alpha", 0.001), prior, z).metric("rejected").orElseThrow().intValue())
                .isZero();
        // A mixture with the weights of components 0 and 2 swapped: the marginals move, and both checks see it.
        MixturePrior swapped = MixturePrior.of(new double[] {0.3, 0.5, 0.2}, new double[][] {{-2, 0.5}, {0, -1}, {3, 2}},
                new double[][] {{0.5, 1}, {1, 0.3}, {0.8, 2}});
        Latents wrong = LatentSampler.sample(swapped, 2000, 8, 2);
        assertThat(run(check("latent-ks", "alpha", 0.001), prior, wrong).metric("rejected").orElseThrow().intValue())
                .isPositive();
        assertThat(run(check("latent-mmd", "alpha", 0.01), prior, wrong).tests().get(0).pValue()).isLessThan(0.01);
    }

    @Test
    void refusesMultivariateAndMomentChecksForAMixture() {
        MixturePrior prior = LearnedPriorReference.mix3();
        assertThatThrownBy(() -> check("mardia").validate(prior)).isInstanceOf(InvalidInputException.class)
                .hasMessage("mardia tests multivariate normality and needs a gaussian prior, not mixture");
        assertThatThrownBy(() -> check("latent-norm").validate(prior)).isInstanceOf(InvalidInputException.class)
                .hasMessage("latent-norm tests priors with independent coordinates, which a mixture prior does not have: "
                        + "compare the latents with fresh draws by latent-energy or latent-mmd");
        assertThatThrownBy(() -> check("moments").validate(prior)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symmetric");
    }

    /** The two-sample check draws its fresh rows from one seeded stream: the same result on any thread count. */
    @Test
    void latentEnergyIsThreadIndependent() {
        MixturePrior prior = LearnedPriorReference.mix3();
        Latents z = LatentSampler.sample(prior, 700, 8, 2);
        Check energy = check("latent-energy", "permutations", 99);
        CheckResult one = energy.run(CheckInput.of(prior, z, z.toSamples(), null, null, 3, 1));
        CheckResult four = energy.run(CheckInput.of(prior, z, z.toSamples(), null, null, 3, 4));
        assertThat(one.metrics()).isEqualTo(four.metrics());
        assertThat(one.metric("rows").orElseThrow().intValue()).isEqualTo(500);
        assertThat(one.tests().get(0).pValue()).isCloseTo(four.tests().get(0).pValue(), within(0.0));
    }
}
