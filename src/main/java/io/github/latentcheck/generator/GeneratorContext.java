package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.Prior;
import java.util.Optional;

/** What a generator may know of the run it serves: the prior it is fed from, and the data sets. */
public final class GeneratorContext {
    private final Prior prior;
    private final Samples training;

    private GeneratorContext(Prior prior, Samples training) {
        this.prior = prior;
        this.training = training;
    }

    /**
     * @param prior the prior that latents are drawn from
     * @param training the training data, or null when the spec has none
     * @return the context
     */
    public static GeneratorContext of(Prior prior, Samples training) {
        return new GeneratorContext(prior, training);
    }

    /** @return the prior that latents are drawn from */
    public Prior prior() {
        return prior;
    }

    /** @return the training data, when the spec names it */
    public Optional<Samples> training() {
        return Optional.ofNullable(training);
    }

    /**
     * @return the training data
     * @throws InvalidInputException when the spec names none ({@link Generators#create} adds which
     *         generator asked, and where)
     */
    public Samples requireTraining() {
        return training().orElseThrow(() -> new InvalidInputException("this generator needs data.training"));
    }
}
