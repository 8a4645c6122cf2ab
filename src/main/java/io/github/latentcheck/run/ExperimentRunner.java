package io.github.latentcheck.run;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.Requirement;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Encoder;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.prior.Prior;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an experiment: for each prior, sample the latents, push them through a fresh generator in
 * batches, run every check (one that requires {@link Requirement#GENERATOR} gets a fresh generator of
 * its own), and evaluate every gate. Every prior gets the same seed, so priors are
 * compared on equal terms; each check gets a seed of its own derived from the run's seed and its
 * position in the spec.
 */
public final class ExperimentRunner {
    private final int threads;
    private final ProgressListener listener;

    private ExperimentRunner(int threads, ProgressListener listener) {
        this.threads = threads;
        this.listener = listener;
    }

    /**
     * @param threads the number of threads, at least 1; results do not depend on it
     * @param listener hears progress
     * @return the runner
     */
    public static ExperimentRunner of(int threads, ProgressListener listener) {
        if (threads < 1) {
            throw new InvalidInputException("threads is not at least 1: " + threads);
        }
        return new ExperimentRunner(threads, listener);
    }

    /**
     * @param experiment the experiment
     * @return the finished run
     */
    public ExperimentResult run(Experiment experiment) {
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        List<PriorRun> runs = new ArrayList<>();
        for (Map.Entry<String, Prior> entry : experiment.priors().entrySet()) {
            runs.add(runPrior(experiment, entry.getKey(), entry.getValue()));
        }
        listener.finished();
        return new ExperimentResult(experiment, List.copyOf(runs), start, Duration.ofNanos(System.nanoTime() - t0));
    }

    private PriorRun runPrior(Experiment experiment, String label, Prior prior) {
        int n = experiment.samples();
        listener.stage(label, "sample", n);
        Latents latents = prior.draw(n, experiment.seed(), threads);
        listener.progress(n);
        Samples samples;
        GeneratorContext context = GeneratorContext.of(prior, experiment.training().orElse(null));
        try (Generator generator = experiment.createGenerator(label, context)) {
            samples = generate(generator, latents, label, experiment.generator(label).where());
        }
        Samples training = experiment.training().orElse(null);
        Samples holdout = experiment.holdout().orElse(null);
        List<CheckResult> results = new ArrayList<>();
        List<Check> checks = experiment.checks();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            listener.stage(label, check.id(), 0);
            CheckInput input = CheckInput.of(prior, latents, samples, training, holdout,
                    checkSeed(experiment.seed(), i), threads).withProgress(listener.forCheck(label, check.id()))
                    .withEngine(experiment.engine());
            if (experiment.trainingRows().isPresent()) {
                input = input.withTrainingRows(experiment.trainingRows().get());
            }
            String where = experiment.spec().checks().get(i).where();
            if (check.requirements().contains(Requirement.ENCODER)) {
                try (Encoder encoder = experiment.createEncoder(label)) {
                    input = input.withEncoder(encoder);
                    results.add(runWithGenerator(experiment, check, input, label, context, where));
                }
            } else {
                results.add(runWithGenerator(experiment, check, input, label, context, where));
            }
        }
        List<GateResult> gates = new ArrayList<>();
        for (Gate gate : experiment.gates()) {
            gates.add(gate.evaluate(label, results, experiment.baseline()));
        }
        return new PriorRun(label, prior, latents, samples, List.copyOf(results), List.copyOf(gates));
    }

    private static CheckResult runWithGenerator(Experiment experiment, Check check, CheckInput input, String label,
            GeneratorContext context, String where) {
        if (check.requirements().contains(Requirement.GENERATOR)) {
            try (Generator own = experiment.createGenerator(label, context)) {
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

    private Samples generate(Generator generator, Latents latents, String label, String where) {
        int n = latents.rows();
        int batch = Math.max(1, generator.batchSize());
        listener.stage(label, "generate", n);
        List<Samples> parts = new ArrayList<>();
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
            parts.add(part);
            listener.progress(to);
        }
        return Samples.stack(parts);
    }

    /** SplitMix64's finalizer (Steele, Lea and Flood 2014) over the seed and the check's position. */
    static long checkSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
