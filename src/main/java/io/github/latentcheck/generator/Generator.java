package io.github.latentcheck.generator;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;

/**
 * A generator G: a map from a batch of latent vectors to a batch of samples, one output row per
 * latent row, in order. The runner calls {@link #generate(Latents)} on consecutive batches of the
 * run's latents, in order, from one thread, and closes the generator when the run ends.
 *
 * <p>What a generator throws: for latents it refuses (values outside its domain, say),
 * {@link IllegalArgumentException} whose message names the rule and the value; the runner reports it
 * as bad input at the spec's generator entry ({@code spec.yaml:7: generator 'scale': z is not
 * finite: NaN}) and the command line exits with status 2. Any other exception is taken for a bug in
 * the generator ({@code internal error}, exit 3).
 */
public interface Generator extends AutoCloseable {
    /** @return the latent dimension the generator takes */
    int inputDimension();

    /**
     * @return the number of values in each output row; the runner asks after the first batch, so a
     *     generator that learns it from its first answer (an external process) may give it then
     */
    int outputDimension();

    /**
     * @param latents a batch of latents, {@code latents.dimension() == inputDimension()}
     * @return one output row per latent row
     * @throws IllegalArgumentException for latents the generator refuses (bad input, exit 2)
     */
    Samples generate(Latents latents);

    /** @return the largest batch the generator wants at once */
    default int batchSize() {
        return 8192;
    }

    /** Releases what the generator holds (sessions, processes); built-ins hold nothing. */
    @Override
    default void close() {
    }
}
