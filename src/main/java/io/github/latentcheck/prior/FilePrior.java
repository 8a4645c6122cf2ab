package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.stats.CentralMoments;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * Latents saved earlier (by latentcheck's {@code --save-samples}, a training script, another tool),
 * replayed row by row: a run of n samples uses the file's first n rows, in order, whatever the seed.
 * Its dimension is the file's column count.
 *
 * <p>A file has no distribution of its own to test against. It may declare a reference prior (for
 * example the N(0, I) it was drawn from, or a learned Gaussian, mixture or flow); then
 * {@link #marginal(int)}, {@link #moments(int)}, {@link #marginalReference()} and {@link #jointReference()}
 * are the reference's, and the latent checks test the file's rows against it (a flow's through its inverse). Without one those methods
 * throw, and an experiment that runs a latent check on it is refused when it is loaded.
 */
public final class FilePrior implements Prior {
    private final Latents latents;
    private final String source;
    private final Prior reference;

    private FilePrior(Latents latents, String source, Prior reference) {
        this.latents = latents;
        this.source = source;
        this.reference = reference;
    }

    /**
     * @param latents the rows to replay
     * @param source where they came from, for messages, e.g. the file path
     * @param reference the distribution to test them against, of the same dimension, or null for none
     * @return the prior
     * @throws InvalidInputException if the reference has another dimension or is itself a file prior
     */
    public static FilePrior of(Latents latents, String source, Prior reference) {
        if (reference != null && (reference.dimension() != latents.dimension() || reference instanceof FilePrior)) {
            throw new InvalidInputException(source + ": the reference " + reference.description()
                    + " is not a distribution of dimension " + latents.dimension() + ", the file's column count");
        }
        return new FilePrior(latents, source, reference);
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public int dimension() {
        return latents.dimension();
    }

    @Override
    public String description() {
        return source + " (" + latents.rows() + " rows" + (reference == null ? "" : ", reference "
                + reference.description()) + ")";
    }

    /** @return the number of rows the file holds: the most samples a run can use */
    public int rows() {
        return latents.rows();
    }

    /** @return the distribution the rows are tested against, when the spec declares one */
    public Optional<Prior> reference() {
        return Optional.ofNullable(reference);
    }

    @Override
    public boolean hasReference() {
        return reference != null && reference.hasReference();
    }

    /**
     * @throws InvalidInputException when the prior declares no reference
     */
    @Override
    public LatentReference marginalReference() {
        return requireReference().marginalReference();
    }

    /**
     * @throws InvalidInputException when the prior declares no reference
     */
    @Override
    public LatentReference jointReference() {
        return requireReference().jointReference();
    }

    /**
     * @throws InvalidInputException when the prior declares no reference
     */
    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return requireReference().marginal(coordinate);
    }

    /**
     * @throws InvalidInputException when the prior declares no reference
     */
    @Override
    public CentralMoments moments(int coordinate) {
        return requireReference().moments(coordinate);
    }

    private Prior requireReference() {
        if (reference == null) {
            throw new InvalidInputException(source + ": a file prior has no distribution to test against: give it "
                    + "'reference: gaussian' (or uniform, truncated, sphere, mixture, flow)");
        }
        return reference;
    }

    /**
     * Draws one of the file's rows uniformly at random: a draw from the rows' empirical distribution.
     * Runs do not use this; they replay the rows in order through {@link #draw(int, long, int)}.
     */
    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        int row = rng.nextInt(latents.rows());
        for (int j = 0; j < latents.dimension(); j++) {
            target[offset + j] = latents.value(row, j);
        }
    }

    /**
     * @return the file's first {@code rows} rows, in order (the seed and thread count do not matter)
     * @throws InvalidInputException if the file holds fewer rows
     */
    @Override
    public Latents draw(int rows, long seed, int threads) {
        if (rows > latents.rows()) {
            throw new InvalidInputException(source + ": holds " + latents.rows() + " rows of latents, fewer than the "
                    + rows + " samples asked for");
        }
        return rows == latents.rows() ? latents : latents.slice(0, rows);
    }
}
