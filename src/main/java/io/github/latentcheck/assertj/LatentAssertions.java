package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.run.ExperimentResult;
import org.assertj.core.api.Assertions;

/**
 * The entry point of latentcheck's AssertJ assertions, for gating a model inside one's own JUnit
 * tests: one {@code assertThat} per type. It extends AssertJ's {@link Assertions}, as AssertJ advises
 * for custom entry points, so that one {@code import static io.github.latentcheck.assertj.LatentAssertions.*;}
 * gives both, and importing both classes' {@code assertThat} hides neither ({@code assertThat(true)},
 * {@code assertThatThrownBy(…)} and {@code assertThat(latents)} all compile).
 *
 * <pre>{@code
 * long seed = LatentAssertions.seed(42);
 * Latents z = LatentSampler.sample(prior, 10_000, seed, 2);
 * assertThat(z).withSeed(seed).atLevel(0.01).followsPrior(prior);
 * assertThat(result).passesAllGates();
 * assertThat(result).check("latent-ks").metric("rejected").isEqualTo(0);
 * }</pre>
 */
public final class LatentAssertions extends Assertions {
    /** The system property that overrides seeds, so a failure can be reproduced: {@code -Dlatentcheck.seed=…}. */
    public static final String SEED_PROPERTY = "latentcheck.seed";

    private LatentAssertions() {
    }

    /**
     * @param fallback the seed to use unless {@code -Dlatentcheck.seed} is set
     * @return the seed to draw with
     */
    public static long seed(long fallback) {
        return Long.getLong(SEED_PROPERTY, fallback);
    }

    /**
     * @param actual generated samples (or any samples)
     * @return assertions on their distribution
     */
    public static SamplesAssert assertThat(Samples actual) {
        return new SamplesAssert(actual);
    }

    /**
     * @param actual latent vectors
     * @return assertions on their distribution
     */
    public static LatentsAssert assertThat(Latents actual) {
        return new LatentsAssert(actual);
    }

    /**
     * @param actual a finished run
     * @return assertions on its gates and checks
     */
    public static ExperimentResultAssert assertThat(ExperimentResult actual) {
        return new ExperimentResultAssert(actual);
    }

    /**
     * @param actual one check's result
     * @return assertions on its verdict and metrics
     */
    public static CheckResultAssert assertThat(CheckResult actual) {
        return new CheckResultAssert(actual);
    }
}
