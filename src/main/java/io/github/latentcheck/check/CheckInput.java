package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.prior.Prior;
import java.util.Optional;

/** Everything a check may read about one prior's run. */
public final class CheckInput {
    private final Prior prior;
    private final Latents latents;
    private final Samples samples;
    private final Samples training;
    private final Samples holdout;
    private final long seed;
    private final int threads;
    private final Generator generator;

    private CheckInput(Prior prior, Latents latents, Samples samples, Samples training, Samples holdout,
            long seed, int threads, Generator generator) {
        this.prior = prior;
        this.latents = latents;
        this.samples = samples;
        this.training = training;
        this.holdout = holdout;
        this.seed = seed;
        this.threads = threads;
        this.generator = generator;
    }

    /**
     * @param prior the prior the latents were drawn from
     * @param latents the latents
     * @param samples the generated samples, one row per latent
     * @param training the training data, or null
     * @param holdout the held-out data, or null
     * @param seed a seed for the check's own randomness (permutations), derived from the run's seed
     * @param threads the number of threads the check may use
     * @return the input
     */
    public static CheckInput of(Prior prior, Latents latents, Samples samples, Samples training, Samples holdout,
            long seed, int threads) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, null);
    }

    /**
     * @param g a generator the check may call with latents of its own (see {@link Requirement#GENERATOR});
     *        the caller closes it
     * @return a copy that carries the generator
     */
    public CheckInput withGenerator(Generator g) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, g);
    }

    /** @return the generator, when the check {@linkplain Requirement#GENERATOR requires} one */
    public Optional<Generator> generator() {
        return Optional.ofNullable(generator);
    }

    /**
     * Input for samples generated elsewhere (a file scored by {@code latentcheck coverage}): there is
     * no prior and there are no latents, so {@link #hasLatents()} is false and checks that read them
     * skip that part.
     *
     * @param samples the generated samples
     * @param training the training (reference) data, or null
     * @param holdout the held-out data, or null
     * @param seed a seed for the check's own randomness
     * @param threads the number of threads the check may use
     * @return the input
     */
    public static CheckInput ofSamples(Samples samples, Samples training, Samples holdout, long seed, int threads) {
        return new CheckInput(null, null, samples, training, holdout, seed, threads, null);
    }

    /** @return whether the run has a prior and latents (false for samples generated elsewhere) */
    public boolean hasLatents() {
        return latents != null;
    }

    /** @return the prior the latents were drawn from */
    public Prior prior() {
        return prior;
    }

    /** @return the latents */
    public Latents latents() {
        return latents;
    }

    /** @return the generated samples */
    public Samples samples() {
        return samples;
    }

    /** @return the training data, when the spec names it */
    public Optional<Samples> training() {
        return Optional.ofNullable(training);
    }

    /**
     * @return the training data
     * @throws InvalidInputException when there is none (the runner checks requirements first)
     */
    public Samples requireTraining() {
        return training().orElseThrow(() -> new InvalidInputException("this check needs data.training"));
    }

    /**
     * @return the training data, which must have as many columns as the generated samples
     * @throws InvalidInputException when there is none, or when the column counts differ
     */
    public Samples requireTrainingLikeSamples() {
        Samples training = requireTraining();
        if (training.columns() != samples.columns()) {
            throw new InvalidInputException("the generator writes " + samples.columns()
                    + " columns but the training data (data.training) has " + training.columns());
        }
        return training;
    }

    /** @return the held-out data, when the spec names it */
    public Optional<Samples> holdout() {
        return Optional.ofNullable(holdout);
    }

    /** @return the seed for the check's own randomness */
    public long seed() {
        return seed;
    }

    /** @return the number of threads the check may use */
    public int threads() {
        return threads;
    }
}
