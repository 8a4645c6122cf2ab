package io.github.latentcheck.run;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.Requirement;
import io.github.latentcheck.check.Space;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Encoder;
import io.github.latentcheck.features.FeatureRows;
import io.github.latentcheck.features.FeatureStage;
import io.github.latentcheck.features.Features;
import io.github.latentcheck.features.ImageSource;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs an experiment: for each prior, sample the latents, push them through a fresh generator in
 * batches, run every check (one that requires {@link Requirement#GENERATOR} gets a fresh generator of
 * its own), and evaluate every gate. Every prior gets the same seed, so priors are
 * compared on equal terms; each check gets a seed of its own derived from the run's seed and its
 * position in the spec.
 *
 * <p>With a feature stage ({@code features:} in the spec), the training and holdout images are embedded once
 * (through the feature cache) and every batch of generated samples is embedded as it is generated; checks whose
 * {@linkplain Experiment#space(int) space} is features read those, the others the raw values. The raw generated
 * samples are kept only when a check reads them; otherwise a prior's run records the features as its samples.
 */
public final class ExperimentRunner {
    private final int threads;
    private final ProgressListener listener;

    private ExperimentRunner(int threads, ProgressListener listener) {
        this.threads = threads;
        this.listener = listener;
    }

    /**
     * The defaults: as many threads as the JVM has processors ({@link Runtime#availableProcessors()}),
     * and no progress listener ({@link ProgressListener#NONE}).
     *
     * @return the runner with the defaults
     */
    public static ExperimentRunner withDefaults() {
        return new ExperimentRunner(Tasks.defaultThreads(), ProgressListener.NONE);
    }

    /**
     * @param count the number of threads, at least 1; results do not depend on it
     * @return a runner like this one with that many threads
     * @throws InvalidInputException when {@code count} is less than 1
     */
    public ExperimentRunner withThreads(int count) {
        if (count < 1) {
            throw new InvalidInputException("threads is not at least 1: " + count);
        }
        return new ExperimentRunner(count, listener);
    }

    /**
     * @param progress hears progress
     * @return a runner like this one that reports progress to {@code progress}
     */
    public ExperimentRunner withListener(ProgressListener progress) {
        return new ExperimentRunner(threads, Objects.requireNonNull(progress, "progress"));
    }

    /**
     * @param experiment the experiment
     * @return the finished run
     */
    public ExperimentResult run(Experiment experiment) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        List<PriorRun> runs = new ArrayList<>();
        Optional<FeatureStage> stage = experiment.features();
        try (Features features = stage.map(FeatureStage::open).orElse(null)) {
            Embedded data = features == null ? new Embedded(null, null, null, null)
                    : new Embedded(stage.get(), features, embed(experiment.trainingImages(), "training",
                            images -> stage.get().embedData(features, images, listener::progress)),
                            embed(experiment.holdoutImages(), "holdout",
                                    images -> stage.get().embed(features, images, true, listener::progress)));
            for (Map.Entry<String, Prior> entry : experiment.priors().entrySet()) {
                runs.add(runPrior(experiment, entry.getKey(), entry.getValue(), data));
            }
        }
        listener.finished();
        return new ExperimentResult(experiment, List.copyOf(runs), start, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * The feature stage's session and the data sets' features, when the spec has the stage; the training features
     * may be memory-mapped from their cache entry ({@link FeatureStage#embedData}), the holdout's are in the heap.
     */
    private record Embedded(FeatureStage stage, Features features, FeatureRows training, Samples holdout) {
        Samples trainingInHeap() {
            return training == null ? null : training.inHeap().orElse(null);
        }

        Optional<ReferenceRows> trainingMapped() {
            return training == null ? Optional.empty() : training.mapped();
        }
    }

    /** @return the features of a data set's images made by {@code how} with the progress line, or null without images */
    private <T> T embed(Optional<ImageSource> images, String what, Function<ImageSource, T> how) {
        if (images.isEmpty()) {
            return null;
        }
        listener.stage(what, "features", images.get().size());
        return how.apply(images.get());
    }

    private PriorRun runPrior(Experiment experiment, String label, Prior prior, Embedded data) {
        int n = experiment.samples();
        listener.stage(label, "sample", n);
        Latents latents = prior.draw(n, experiment.seed(), threads);
        listener.progress(n);
        Samples[] generated;
        boolean madeElsewhere;
        GeneratorContext context = GeneratorContext.of(prior, experiment.training().orElse(null));
        String where = experiment.generator(label).where();
        try (UsersGenerator generator = UsersGenerator.of(experiment, label, context)) {
            generated = generate(generator, latents, label, where, data, experiment.needsRawSamples());
            madeElsewhere = generator.type().equals("file");
        }
        Samples samples = generated[0];
        Samples training = experiment.training().orElse(null);
        Samples holdout = experiment.holdout().orElse(null);
        List<CheckResult> results = new ArrayList<>();
        List<Check> checks = experiment.checks();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            listener.stage(label, check.id(), 0);
            boolean raw = experiment.space(i) == Space.RAW;
            CheckInput input = CheckInput.of(prior, latents, raw ? samples : generated[1],
                    raw ? training : data.trainingInHeap(), raw ? holdout : data.holdout(),
                    checkSeed(experiment.seed(), i), threads).withProgress(listener.forCheck(label, check.id()))
                    .withEngine(experiment.engine());
            if (madeElsewhere) {
                input = input.withSamplesMadeElsewhere();
            }
            if (raw && experiment.trainingRows().isPresent()) {
                input = training != null ? input.withTrainingShards(experiment.trainingRows().get())
                        : input.withTrainingRows(experiment.trainingRows().get());
            } else if (!raw && data.trainingMapped().isPresent()) {
                input = input.withTrainingRows(data.trainingMapped().get());
            }
            String checkWhere = experiment.spec().checks().get(i).where();
            if (check.requirements().contains(Requirement.ENCODER)) {
                try (Encoder encoder = experiment.createEncoder(label)) {
                    input = input.withEncoder(encoder);
                    results.add(runWithGenerator(experiment, check, input, label, context, checkWhere));
                }
            } else {
                results.add(runWithGenerator(experiment, check, input, label, context, checkWhere));
            }
        }
        List<GateResult> gates = new ArrayList<>();
        for (Gate gate : experiment.gates()) {
            gates.add(gate.evaluate(label, results, experiment.baseline()));
        }
        return new PriorRun(label, prior, latents, samples != null ? samples : generated[1], List.copyOf(results),
                List.copyOf(gates));
    }

    private static CheckResult runWithGenerator(Experiment experiment, Check check, CheckInput input, String label,
            GeneratorContext context, String where) {
        if (check.requirements().contains(Requirement.GENERATOR)) {
            try (Generator own = UsersGenerator.of(experiment, label, context)) {
                return run(check, input.withGenerator(own), where);
            }
        }
        return run(check, input, where);
    }

    /** Runs a check; bad input it finds (such as outputs that do not fit the data) is reported at its spec entry. */
    private static CheckResult run(Check check, CheckInput input, String where) {
        try {
            long start = System.nanoTime();
            CheckResult result = check.run(input);
            return result.withDuration(Duration.ofNanos(System.nanoTime() - start));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": check '" + check.id() + "': " + e.getMessage(), e);
        }
    }

    /**
     * @return the raw samples (null unless kept) and their features (null without a feature stage), each batch
     *     embedded as soon as it is generated
     */
    private Samples[] generate(Generator generator, Latents latents, String label, String where, Embedded data,
            boolean keepRaw) {
        int n = latents.rows();
        int batch = Math.max(1, generator.batchSize());
        listener.stage(label, "generate", n);
        List<Samples> parts = new ArrayList<>();
        List<Samples> features = new ArrayList<>();
        int columns = 0;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            Samples part = generator.generate(latents.slice(from, to));
            if (parts.isEmpty()) {
                columns = generator.outputDimension();
            }
            if (part.rows() != to - from || part.columns() != columns) {
                throw new InvalidInputException(where + ": generator returned " + part.rows() + " x " + part.columns()
                        + " values for a batch of " + (to - from) + " latents; expected " + (to - from) + " x " + columns);
            }
            if (keepRaw) {
                parts.add(part);
            }
            if (data.features() != null) {
                ImageSource images = data.stage().rows(part, where + ": generated samples " + from + ".." + (to - 1),
                        null);
                features.add(data.stage().embed(data.features(), images, false, done -> { }));
            }
            listener.progress(to);
        }
        return new Samples[] {keepRaw ? Samples.stack(parts) : null,
            data.features() != null ? Samples.stack(features) : null};
    }

    /**
     * A generator as the runner calls it: an {@link IllegalArgumentException} from its
     * {@code generate} is the user's refusal of the latents it was given (the {@link Generator}
     * contract), so it becomes bad input at the spec's generator entry, naming the generator; other
     * exceptions (an {@link InvalidInputException} of a built-in names its place already) pass unchanged.
     */
    private record UsersGenerator(Generator generator, String type, String where) implements Generator {
        static UsersGenerator of(Experiment experiment, String label, GeneratorContext context) {
            Options options = experiment.generator(label);
            return new UsersGenerator(experiment.createGenerator(label, context), options.requireString("type"),
                    options.where());
        }

        @Override
        public int inputDimension() {
            return generator.inputDimension();
        }

        @Override
        public int outputDimension() {
            return generator.outputDimension();
        }

        @Override
        public Samples generate(Latents latents) {
            try {
                return generator.generate(latents);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(where + ": generator '" + type + "': " + e.getMessage(), e);
            }
        }

        @Override
        public int batchSize() {
            return generator.batchSize();
        }

        @Override
        public void close() {
            generator.close();
        }
    }

    /** SplitMix64's finalizer (Steele, Lea and Flood 2014) over the seed and the check's position. */
    static long checkSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
