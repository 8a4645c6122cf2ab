package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.Checks;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.spec.Options;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The seeded Monte Carlo nulls of the Henze–Zirkler and Mardia tests at small n (issue 14), tested
 * statistically: under H0 (n = 10 rows of N(0, I_3), each replicate with its own null seed) the rejection
 * count over R = 1,000 replicates at α = 0.05 with B = 99 is Binomial(R, 0.04) exactly
 * (\(P(p &lt; 0.05) = \lceil 0.05 \cdot 100 - 1\rceil / 100\)); it must lie in the 99.9 % interval (a false
 * failure has probability 1e-3 per test).
 */
class MultivariateMonteCarloNullTest {
    private static final int R = 1_000;
    private static final int B = 99;
    private static final int N = 10;
    private static final int D = 3;
    private static final double ALPHA = 0.05;

    @Test
    void henzeZirklerMonteCarloNullHasItsExactSizeAtTenRows() {
        assertSize(0, (rows, nul) -> Multivariate.henzeZirkler(rows, D, nul));
    }

    @Test
    void mardiaKurtosisMonteCarloNullHasItsExactSizeAtTenRows() {
        assertSize(1, (rows, nul) -> Multivariate.mardiaKurtosis(rows, D, nul));
    }

    @Test
    void mardiaSkewnessMonteCarloNullHasItsExactSizeAtTenRows() {
        assertSize(2, (rows, nul) -> Multivariate.mardiaSkewness(rows, D, nul));
    }

    private static void assertSize(long seed, java.util.function.BiFunction<double[], MonteCarloNull, TestResult> test) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(4242L + seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int rejections = 0;
        for (int r = 0; r < R; r++) {
            double[] rows = new double[N * D];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = gauss.sample();
            }
            TestResult t = test.apply(rows, MonteCarloNull.of(NormalDistribution.of(0, 1), B, rng.nextLong()));
            assertThat(t.method()).isEqualTo(PValueMethod.ESTIMATE);
            rejections += t.pValue() < ALPHA ? 1 : 0;
        }
        double size = Math.ceil(ALPHA * (B + 1) - 1) / (B + 1);
        BinomialDistribution binomial = BinomialDistribution.of(R, size);
        assertThat(rejections).as("rejections under H0 out of %d (size %s)", R, size)
                .isBetween(binomial.inverseCumulativeProbability(0.0005), binomial.inverseCumulativeProbability(0.9995));
    }

    @Test
    void theChecksUseTheMonteCarloNullAtSmallNWhateverTheThreads() {
        GaussianPrior prior = GaussianPrior.of(D);
        Latents latents = prior.draw(30, 5, 1);
        for (String type : new String[] {"henze-zirkler", "mardia"}) {
            var check = Checks.create(Options.of(Map.of("type", type), "checks[0]"));
            CheckResult one = check.run(CheckInput.of(prior, latents, null, null, null, 9, 1));
            CheckResult two = check.run(CheckInput.of(prior, latents, null, null, null, 9, 2));
            assertThat(one.tests()).allSatisfy(t -> assertThat(t.method()).isEqualTo(PValueMethod.ESTIMATE));
            assertThat(two.tests().toString()).isEqualTo(one.tests().toString());
        }
        Latents large = prior.draw(Multivariate.MONTE_CARLO_MAX_ROWS + 1, 5, 1);
        CheckResult asymptotic = Checks.create(Options.of(Map.of("type", "henze-zirkler"), "checks[0]"))
                .run(CheckInput.of(prior, large, null, null, null, 9, 2));
        assertThat(asymptotic.tests().get(0).method()).isEqualTo(PValueMethod.ASYMPTOTIC);
    }
}
