package io.github.latentcheck.run;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.Checks;
import io.github.latentcheck.check.Requirement;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.generator.Generators;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.prior.Priors;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An experiment ready to run: its spec resolved into priors, checks, gates and data, every part
 * validated (the generator is created once for each prior and closed again), so that a bad spec
 * fails before any work is done.
 */
public final class Experiment {
    private final ExperimentSpec spec;
    private final long seed;
    private final int samples;
    private final Map<String, Prior> priors;
    private final List<Check> checks;
    private final List<Gate> gates;
    private final Samples training;
    private final Samples holdout;

    private Experiment(ExperimentSpec spec, long seed, int samples, Map<String, Prior> priors, List<Check> checks,
            List<Gate> gates, Samples training, Samples holdout) {
        this.spec = spec;
        this.seed = seed;
        this.samples = samples;
        this.priors = priors;
        this.checks = checks;
        this.gates = gates;
        this.training = training;
        this.holdout = holdout;
    }

    /**
     * @param spec the spec
     * @return the experiment with the spec's seed and sample count
     */
    public static Experiment load(ExperimentSpec spec) {
        return load(spec, spec.seed(), spec.samples());
    }

    /**
     * @param spec the spec
     * @param seed the seed, overriding the spec's
     * @param samples the draws per prior, overriding the spec's
     * @return the experiment
     * @throws InvalidInputException for any bad part of the spec or its data
     */
    public static Experiment load(ExperimentSpec spec, long seed, int samples) {
        if (samples < 1) {
            throw new InvalidInputException("samples is not at least 1: " + samples);
        }
        Map<String, Prior> priors = new LinkedHashMap<>();
        for (Options options : spec.priors()) {
            String label = options.string("label", options.has("type") ? options.requireString("type") : "");
            Prior prior = Priors.create(options, spec.latentDim());
            options.rejectUnknownKeys();
            if (priors.put(label, prior) != null) {
                throw new InvalidInputException(options.where() + ": two priors are labelled '" + label
                        + "': give each a distinct 'label'");
            }
        }
        List<Check> checks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Options options : spec.checks()) {
            Check check = Checks.create(options);
            if (!ids.add(check.id())) {
                throw new InvalidInputException(options.where() + ": two checks have the id '" + check.id()
                        + "': give each a distinct 'id'");
            }
            checks.add(check);
        }
        for (int i = 0; i < checks.size(); i++) {
            for (Map.Entry<String, Prior> prior : priors.entrySet()) {
                try {
                    checks.get(i).validate(prior.getValue());
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(spec.checks().get(i).where() + ": check '" + checks.get(i).id()
                            + "' cannot test prior '" + prior.getKey() + "': " + e.getMessage(), e);
                }
            }
        }
        List<Gate> gates = new ArrayList<>();
        for (ExperimentSpec.GateEntry entry : spec.gates()) {
            Gate gate = Gate.parse(entry.expression(), entry.where());
            Check check = checks.stream().filter(c -> c.id().equals(gate.check())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(entry.where() + ": gate '" + entry.expression()
                            + "' names the check '" + gate.check() + "', which the spec does not run (checks: "
                            + String.join(", ", ids) + ")"));
            if (!check.metricNames().contains(gate.metric())) {
                throw new InvalidInputException(entry.where() + ": gate '" + entry.expression() + "' names the metric '"
                        + gate.metric() + "', which check '" + check.id() + "' does not report (metrics: "
                        + String.join(", ", check.metricNames()) + ")");
            }
            gates.add(gate);
        }
        Samples training = read(spec.training(), "training", checks, Requirement.TRAINING, spec);
        Samples holdout = read(spec.holdout(), "holdout", checks, Requirement.HOLDOUT, spec);
        for (Prior prior : priors.values()) {
            Generators.create(spec.generator(), GeneratorContext.of(prior, training)).close();
        }
        return new Experiment(spec, seed, samples, priors, List.copyOf(checks), List.copyOf(gates), training, holdout);
    }

    private static Samples read(Optional<Path> file, String key, List<Check> checks, Requirement requirement,
            ExperimentSpec spec) {
        if (file.isPresent()) {
            return SampleFiles.readSamples(file.get());
        }
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            if (check.requirements().contains(requirement)) {
                throw new InvalidInputException(spec.checks().get(i).where() + ": check '" + check.id()
                        + "' needs data." + key + ", which the spec does not give");
            }
        }
        return null;
    }

    /** @return the spec */
    public ExperimentSpec spec() {
        return spec;
    }

    /** @return the experiment's name */
    public String name() {
        return spec.name();
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the draws per prior */
    public int samples() {
        return samples;
    }

    /** @return the priors by label, in spec order */
    public Map<String, Prior> priors() {
        return priors;
    }

    /** @return the checks, in spec order */
    public List<Check> checks() {
        return checks;
    }

    /** @return the gates, in spec order */
    public List<Gate> gates() {
        return gates;
    }

    /** @return the training data, when the spec names it */
    public Optional<Samples> training() {
        return Optional.ofNullable(training);
    }

    /** @return the held-out data, when the spec names it */
    public Optional<Samples> holdout() {
        return Optional.ofNullable(holdout);
    }
}
