package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.prior.Prior;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of test applied to every prior's run: it reads the latents, the generated samples and
 * the data it {@linkplain #requirements() requires}, and returns metrics, statistical tests and
 * charts. Checks are immutable and may be run for several priors, one after another.
 *
 * <p>A new check is one class implementing this interface plus a {@link CheckProvider} listed in
 * {@code META-INF/services/io.github.latentcheck.check.CheckProvider}.
 */
public interface Check {
    /** @return the name gates use, e.g. {@code "latent-ks"} (the type unless the spec gives an id) */
    String id();

    /** @return the check's type as written in specs */
    String type();

    /** @return the names of the metrics every result carries, in the order they are reported */
    Set<String> metricNames();

    /** @return the data the check needs beyond latents and samples */
    Set<Requirement> requirements();

    /**
     * @param input one prior's run
     * @return the outcome
     */
    CheckResult run(CheckInput input);

    /**
     * @return the values the check reads when the spec has a {@code features:} stage and the check's entry gives no
     *     {@code space}; the default, {@link Space#FEATURES}, suits checks that compare outputs with data, while
     *     checks tied to the outputs' own space (known modes, the generator's own outputs) return {@link Space#RAW}
     */
    default Space defaultSpace() {
        return Space.FEATURES;
    }

    /**
     * Refuses, when the experiment is loaded, a prior this check cannot test (e.g. {@code mardia}
     * under a non-Gaussian prior). The default accepts every prior.
     *
     * @param prior a prior of the experiment
     * @throws io.github.latentcheck.InvalidInputException if the check cannot test {@code prior}
     */
    default void validate(Prior prior) {
    }

    /**
     * The gates that state this check's own verdict ({@link CheckResult#passed()}) metric by metric,
     * e.g. {@code memorization.copyFraction <= 0.01}: the default criteria of the {@code audit} and
     * {@code coverage} commands, one JUnit test case each. The default: none (the check reports
     * estimates and has no verdict of its own).
     *
     * @return gate expressions over this check's metrics; together they hold exactly when the check passes
     */
    default List<String> criteria() {
        return List.of();
    }

    /**
     * @return the power the spec demands of this check ({@code power: {effect, at_least}}); the runner
     *     adds a gate {@code <id>.power >= at_least} when no gate names the check. The default: none
     */
    default Optional<PowerDemand> powerDemand() {
        return Optional.empty();
    }

    /**
     * @param prior a prior of the experiment
     * @param samples the draws per prior
     * @param training the training data, when the experiment has it
     * @return the power of this check for a run of that size, for checks that report it
     *     ({@code detectableEffect}); the default: none
     */
    default Optional<PowerAnalysis> powerAnalysis(Prior prior, int samples, Optional<Samples> training) {
        return Optional.empty();
    }
}
