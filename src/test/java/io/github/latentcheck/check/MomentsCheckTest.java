package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.prior.UniformPrior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.MomentTests;
import io.github.latentcheck.stats.MonteCarloNull;
import io.github.latentcheck.stats.PValueMethod;
import io.github.latentcheck.stats.TestResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class MomentsCheckTest {
    private static final Prior GAUSSIAN = GaussianPrior.of(3);

    @Test
    void smallSamplesGetMomentTestsMonteCarloPValueSeededPerCoordinateAndTest() {
        Latents latents = GAUSSIAN.draw(20, 11, 1);
        CheckInput input = CheckInput.of(GAUSSIAN, latents, null, null, null, 7, 2);
        CheckResult result = moments(Map.of()).run(input);

        for (int j = 0; j < 3; j++) {
            double[] x = latents.column(j);
            TestResult skewness = MomentTests.skewness(x, GAUSSIAN.moments(j),
                    MonteCarloNull.of(GAUSSIAN.marginal(j), MonteCarloNull.DEFAULT_DRAWS, input.seed(2 * j)));
            TestResult kurtosis = MomentTests.kurtosis(x, GAUSSIAN.moments(j),
                    MonteCarloNull.of(GAUSSIAN.marginal(j), MonteCarloNull.DEFAULT_DRAWS, input.seed(2 * j + 1)));
            assertThat(test(result, "skewness[z" + j + "]").pValue()).isEqualTo(skewness.pValue());
            assertThat(test(result, "kurtosis[z" + j + "]").pValue()).isEqualTo(kurtosis.pValue());
            assertThat(test(result, "skewness[z" + j + "]").method()).isEqualTo(PValueMethod.ESTIMATE);
            assertThat(test(result, "kurtosis[z" + j + "]").method()).isEqualTo(PValueMethod.ESTIMATE);
            assertThat(test(result, "mean[z" + j + "]").method()).isEqualTo(PValueMethod.EXACT);
        }
        CheckResult oneThread = moments(Map.of()).run(CheckInput.of(GAUSSIAN, latents, null, null, null, 7, 1));
        assertThat(oneThread.tests().toString()).isEqualTo(result.tests().toString());
    }

    @Test
    void asymptoticOnRequestAndAboveTheMonteCarloLimit() {
        Latents small = GAUSSIAN.draw(20, 11, 1);
        CheckResult asked = moments(Map.of("small_sample", "asymptotic"))
                .run(CheckInput.of(GAUSSIAN, small, null, null, null, 7, 2));
        assertThat(test(asked, "kurtosis[z1]").pValue())
                .isEqualTo(MomentTests.kurtosis(small.column(1), GAUSSIAN.moments(1)).pValue());
        assertThat(test(asked, "skewness[z1]").method()).isEqualTo(PValueMethod.ASYMPTOTIC);

        Latents large = GAUSSIAN.draw(MonteCarloNull.DEFAULT_MAX_SAMPLE_SIZE + 1, 11, 1);
        CheckResult byDefault = moments(Map.of()).run(CheckInput.of(GAUSSIAN, large, null, null, null, 7, 2));
        assertThat(byDefault.tests()).allSatisfy(t -> assertThat(t.method()).isNotEqualTo(PValueMethod.ESTIMATE));
    }

    @Test
    void drawsSetsBAndBadOrUnknownOptionsAreRejected() {
        Latents latents = GAUSSIAN.draw(20, 11, 1);
        CheckInput input = CheckInput.of(GAUSSIAN, latents, null, null, null, 7, 2);
        CheckResult few = moments(Map.of("draws", 19)).run(input);
        assertThat(test(few, "skewness[z0]").pValue()).isEqualTo(MomentTests.skewness(latents.column(0),
                GAUSSIAN.moments(0), MonteCarloNull.of(GAUSSIAN.marginal(0), 19, input.seed(0))).pValue());

        assertThatThrownBy(() -> moments(Map.of("small_sample", "exact"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("small_sample is not one of monte-carlo, asymptotic: 'exact'");
        assertThatThrownBy(() -> moments(Map.of("small_sample", "asymptotic", "draws", 99)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("draws goes with small_sample: monte-carlo, not asymptotic");
        assertThatThrownBy(() -> moments(Map.of("small_samples", "asymptotic")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("small_samples");
    }

    /**
     * Under H0 at n = 10, where the normal approximations are off, the Monte Carlo p-values of the
     * check reject at α = 0.05 with probability exactly ⌈α(B + 1) − 1⌉/(B + 1) = 0.049 for B = 999: over
     * R = 1000 seeded replicates per prior the count must lie in its 99.9 % binomial interval, [28, 73]
     * (a count falls outside with probability 0.07 %, so about 0.3 % for the four counts of a new seed).
     */
    @Test
    void atTenLatentsTheSkewnessAndKurtosisTestsHoldTheirSize() {
        int replicates = 1000;
        BinomialDistribution nullCount = BinomialDistribution.of(replicates, 0.049);
        int lower = nullCount.inverseCumulativeProbability(0.0005);
        int upper = nullCount.inverseCumulativeProbability(0.9995);
        MomentsCheck check = moments(Map.of());
        for (Prior prior : new Prior[] {GaussianPrior.of(1), UniformPrior.of(1, -Math.sqrt(3), Math.sqrt(3))}) {
            Map<String, Integer> rejections = new LinkedHashMap<>(Map.of("skewness[z0]", 0, "kurtosis[z0]", 0));
            for (int r = 0; r < replicates; r++) {
                CheckResult result = check.run(CheckInput.of(prior, prior.draw(10, 1000 + r, 1), null, null, null,
                        r, 1));
                rejections.replaceAll((name, count) -> count + (test(result, name).pValue() < 0.05 ? 1 : 0));
            }
            rejections.forEach((name, count) -> assertThat(count).as(prior.description() + " " + name)
                    .isBetween(lower, upper));
        }
    }

    @Test
    void omnibusTestsJoinTheFamilyOnRequestWithTheirOwnStreams() {
        Latents latents = GAUSSIAN.draw(30, 11, 1);
        CheckInput input = CheckInput.of(GAUSSIAN, latents, null, null, null, 7, 2);
        CheckResult result = moments(Map.of("omnibus", "both")).run(input);

        assertThat(result.tests()).hasSize(18);
        assertThat(result.metric("tests")).contains(18L);
        for (int j = 0; j < 3; j++) {
            double[] x = latents.column(j);
            TestResult jb = MomentTests.jarqueBera(x,
                    MonteCarloNull.of(GAUSSIAN.marginal(j), MonteCarloNull.DEFAULT_DRAWS, input.seed(6 + 2 * j)));
            TestResult k2 = MomentTests.dagostinoPearson(x,
                    MonteCarloNull.of(GAUSSIAN.marginal(j), MonteCarloNull.DEFAULT_DRAWS, input.seed(6 + 2 * j + 1)));
            assertThat(test(result, "jarque-bera[z" + j + "]").pValue()).isEqualTo(jb.pValue());
            assertThat(test(result, "k2[z" + j + "]").pValue()).isEqualTo(k2.pValue());
            assertThat(test(result, "k2[z" + j + "]").method()).isEqualTo(PValueMethod.ESTIMATE);
        }
        assertThat(moments(Map.of()).run(input).tests()).hasSize(12);
        assertThat(moments(Map.of("omnibus", "k2", "small_sample", "asymptotic")).run(input).tests())
                .filteredOn(t -> t.name().startsWith("k2")).allSatisfy(t -> assertThat(t.method())
                        .isEqualTo(PValueMethod.ASYMPTOTIC));
        assertThatThrownBy(() -> moments(Map.of("omnibus", "all")))
                .hasMessageContaining("checks[0].omnibus is not one of none, jarque-bera, k2, both: 'all'");
        assertThatThrownBy(() -> moments(Map.of("omnibus", "jarque-bera")).validate(UniformPrior.of(2, -1, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("omnibus tests of normality need a prior with Gaussian marginals");
    }

    private static MomentsCheck moments(Map<String, Object> options) {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.put("type", "moments");
        return (MomentsCheck) Checks.create(Options.of(all, "checks[0]"));
    }

    private static TestResult test(CheckResult result, String name) {
        return result.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
