package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Encoder;
import io.github.latentcheck.engine.Engine;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.prior.Prior;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a check may read about one prior's run. The training data is either in memory
 * ({@link #training()}) or, when it is too large for the heap, rows that are read block by block
 * ({@link #withTrainingRows}, such as a memory-mapped {@code .npy} file); checks that can stream
 * read {@link #requireTrainingRows()}, which serves both.
 */
public final class CheckInput {
    private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

    private final Prior prior;
    private final Latents latents;
    private final Samples samples;
    private final Samples training;
    private final Samples holdout;
    private final long seed;
    private final int threads;
    private final Generator generator;
    private final ReferenceRows trainingRows;
    private final CheckProgress progress;
    private final Encoder encoder;
    private final boolean fromLatents;
    private final Engine engine;

    private CheckInput(Prior prior, Latents latents, Samples samples, Samples training, Samples holdout,
            long seed, int threads, Generator generator, ReferenceRows trainingRows, CheckProgress progress,
            Encoder encoder, boolean fromLatents, Engine engine) {
        this.prior = prior;
        this.latents = latents;
        this.samples = samples;
        this.training = training;
        this.holdout = holdout;
        this.seed = seed;
        this.threads = threads;
        this.generator = generator;
        this.trainingRows = trainingRows;
        this.progress = progress;
        this.encoder = encoder;
        this.fromLatents = fromLatents;
        this.engine = engine;
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
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, null, null,
                CheckProgress.NONE, null, latents != null, Engine.local());
    }

    /**
     * @param g a generator the check may call with latents of its own (see {@link Requirement#GENERATOR});
     *        the caller closes it
     * @return a copy that carries the generator
     */
    public CheckInput withGenerator(Generator g) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, g, trainingRows, progress,
                encoder, fromLatents, engine);
    }

    /**
     * Training rows read block by block instead of held in memory, for checks that can stream them
     * (the {@code memorization} check); {@link #training()} is then empty, so checks that need the
     * rows in memory report that the training data is missing.
     *
     * @param rows the training rows, e.g. {@code ReferenceRows.of(MappedNpyFile.open(file))}
     * @return a copy that carries them instead of in-memory training data
     */
    public CheckInput withTrainingRows(ReferenceRows rows) {
        return new CheckInput(prior, latents, samples, null, holdout, seed, threads, generator,
                Objects.requireNonNull(rows, "rows"), progress, encoder, fromLatents, engine);
    }

    /**
     * The training rows as read from their shards, beside the same rows in memory: checks that stream
     * the training rows ({@link #requireTrainingRows()}, the {@code memorization} check) read these and
     * report rows by (shard, row); the others read the rows in memory.
     *
     * @param rows the training data's rows, in the same order, from their shards
     * @return a copy that carries both
     */
    public CheckInput withTrainingShards(ReferenceRows rows) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, generator,
                Objects.requireNonNull(rows, "rows"), progress, encoder, fromLatents, engine);
    }

    /**
     * @param p told about the check's long steps
     * @return a copy that reports progress there
     */
    public CheckInput withProgress(CheckProgress p) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, generator, trainingRows,
                Objects.requireNonNull(p, "progress"), encoder, fromLatents, engine);
    }

    /** @return where the check reports its long steps ({@link CheckProgress#NONE} unless set) */
    public CheckProgress progress() {
        return progress;
    }

    /**
     * @return the training rows, streamed ({@link #withTrainingRows}) or in memory
     * @throws InvalidInputException when there are none
     */
    public ReferenceRows requireTrainingRows() {
        return trainingRows != null ? trainingRows : ReferenceRows.of(requireTraining());
    }

    /**
     * @param e the spec's encoder, for a check that {@linkplain Requirement#ENCODER requires} one; the
     *        caller closes it
     * @return a copy that carries the encoder
     */
    public CheckInput withEncoder(Encoder e) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, generator, trainingRows,
                progress, Objects.requireNonNull(e, "encoder"), fromLatents, engine);
    }

    /**
     * @param e where the heavy passes over the training rows run ({@link Engine#local()} unless set)
     * @return a copy that runs them there
     */
    public CheckInput withEngine(Engine e) {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, generator, trainingRows,
                progress, encoder, fromLatents, Objects.requireNonNull(e, "engine"));
    }

    /** @return where the heavy passes over the training rows run */
    public Engine engine() {
        return engine;
    }

    /** @return the encoder, when the check {@linkplain Requirement#ENCODER requires} one */
    public Optional<Encoder> encoder() {
        return Optional.ofNullable(encoder);
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
        return new CheckInput(null, null, samples, training, holdout, seed, threads, null, null, CheckProgress.NONE,
                null, false, Engine.local());
    }

    /**
     * Marks the samples as made elsewhere, as the {@code file} generator's rows are: the run still
     * drew latents (checks of the latents themselves read them), but the samples do not come from
     * them, so {@link #hasLatents()} is false and no check relates the samples to the latents.
     *
     * @return a copy whose samples do not come from its latents
     */
    public CheckInput withSamplesMadeElsewhere() {
        return new CheckInput(prior, latents, samples, training, holdout, seed, threads, generator, trainingRows,
                progress, encoder, false, engine);
    }

    /**
     * @return whether the samples were generated from the latents: false for samples made elsewhere
     *     ({@link #ofSamples}, {@link #withSamplesMadeElsewhere})
     */
    public boolean hasLatents() {
        return fromLatents;
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
     * @throws InvalidInputException when there is none (the runner checks requirements first), or
     *         when it is only available as {@linkplain #withTrainingRows streamed rows}
     */
    public Samples requireTraining() {
        if (training == null && trainingRows != null && !engine.name().equals("local")) {
            throw new InvalidInputException("this check needs the training data in memory, but engine " + engine.name()
                    + " reads it from its files in tasks; only the memorization check runs there: use the local "
                    + "engine for this check");
        }
        if (training == null && trainingRows != null) {
            throw new InvalidInputException("this check needs the training data in memory, but it is read from disk "
                    + "block by block (" + trainingRows.rows() + " x " + trainingRows.columns()
                    + " values, too many for the heap); only the memorization check can stream it");
        }
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

    /**
     * The seed of one of the check's independent random streams (one per column or test), so that
     * what each stream draws depends neither on the others nor on the threads:
     * {@code seed() + stream · 0x9E3779B97F4A7C15} (the golden-ratio increment of SplitMix64).
     *
     * @param stream the stream's index, at least 0
     * @return its seed
     */
    public long seed(int stream) {
        return seedOf(seed, stream);
    }

    /**
     * @param seed a base seed
     * @param stream the stream's index, at least 0
     * @return the seed of that stream, {@code seed + stream · 0x9E3779B97F4A7C15}, as {@link #seed(int)}
     */
    public static long seedOf(long seed, int stream) {
        return seed + SEED_STRIDE * stream;
    }

    /** @return the number of threads the check may use */
    public int threads() {
        return threads;
    }
}
