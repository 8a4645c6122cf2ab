package io.github.latentcheck.run;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.Checks;
import io.github.latentcheck.check.Requirement;
import io.github.latentcheck.check.Space;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.ParquetFiles;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.engine.Engine;
import io.github.latentcheck.engine.Engines;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Encoder;
import io.github.latentcheck.encoder.Encoders;
import io.github.latentcheck.features.FeatureStage;
import io.github.latentcheck.features.ImageSource;
import io.github.latentcheck.gate.Baseline;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.generator.Generators;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.prior.FilePrior;
import io.github.latentcheck.prior.FlowPrior;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.prior.Priors;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.spec.Options;
import java.nio.file.Files;
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
 * fails before any work is done. A check that demands power ({@code power: {effect, at_least}}) but
 * that no gate names gets the gate {@code <id>.power >= <at_least>}, so that an underpowered run
 * still fails.
 *
 * <p>A spec's {@code encoder} is opened once per prior when the experiment is loaded, to check its
 * latent dimension against the prior's; a dimension sweep ({@code latent_dim: [2, 4, 8]}) becomes one
 * prior run per value and dimension ({@link #sweep()}).
 *
 * <p>Generators come from the providers on the class path ({@link Generators#providers()}) and from
 * the providers given to {@link #load(ExperimentSpec, List)}, which win for their types: a test can run
 * a spec through a generator it builds itself ({@link GeneratorProvider#of}).
 */
public final class Experiment {
    /** The text replaced by each value of a sweep's {@code latent_dim} list in generator and encoder options. */
    public static final String SWEEP_PLACEHOLDER = "{latent_dim}";

    private final ExperimentSpec spec;
    private final long seed;
    private final int samples;
    private final Map<String, Prior> priors;
    private final Map<String, Options> generators;
    private final List<Check> checks;
    private final List<Gate> gates;
    private final Samples training;
    private final ReferenceRows trainingRows;
    private final Samples holdout;
    private final Optional<Baseline> baseline;
    private final List<GeneratorProvider> providers;
    private final Map<String, Options> encoders;
    private final Map<String, SweepMember> sweep;
    private final Engine engine;

    /**
     * A prior's run in a dimension sweep ({@code latent_dim: [2, 4, 8]}).
     *
     * @param family the prior's own label, shared by its runs at every dimension
     * @param latentDim the latent dimension of this run
     */
    public record SweepMember(String family, int latentDim) {
    }
    private final FeatureStage features;
    private final List<Space> spaces;
    private final ImageSource trainingImages;
    private final ImageSource holdoutImages;

    private Experiment(ExperimentSpec spec, long seed, int samples, Map<String, Prior> priors,
            Map<String, Options> generators, List<Check> checks, List<Gate> gates, Samples training,
            ReferenceRows trainingRows, Samples holdout, Optional<Baseline> baseline, List<GeneratorProvider> providers,
            Map<String, Options> encoders, Map<String, SweepMember> sweep, FeatureStage features, List<Space> spaces,
            ImageSource trainingImages, ImageSource holdoutImages, Engine engine) {
        this.spec = spec;
        this.seed = seed;
        this.samples = samples;
        this.priors = priors;
        this.generators = generators;
        this.checks = checks;
        this.gates = gates;
        this.training = training;
        this.trainingRows = trainingRows;
        this.holdout = holdout;
        this.baseline = baseline;
        this.providers = providers;
        this.encoders = encoders;
        this.sweep = sweep;
        this.features = features;
        this.spaces = spaces;
        this.trainingImages = trainingImages;
        this.holdoutImages = holdoutImages;
        this.engine = engine;
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
     * @param generators providers of the generator types the spec names, such as ones built in a test
     *     ({@link GeneratorProvider#of}); they win over the class path's providers of the same type
     * @return the experiment with the spec's seed and sample count
     * @throws InvalidInputException for any bad part of the spec or its data
     */
    public static Experiment load(ExperimentSpec spec, List<GeneratorProvider> generators) {
        return load(spec, spec.seed(), spec.samples(), Optional.empty(), generators);
    }

    /**
     * @param spec the spec
     * @param seed the seed, overriding the spec's
     * @param samples the draws per prior, overriding the spec's
     * @return the experiment
     * @throws InvalidInputException for any bad part of the spec or its data
     */
    public static Experiment load(ExperimentSpec spec, long seed, int samples) {
        return load(spec, seed, samples, Optional.empty());
    }

    /**
     * @param spec the spec
     * @param seed the seed, overriding the spec's
     * @param samples the draws per prior, overriding the spec's
     * @param baseline the metrics of an earlier, accepted run, for gates relative to a baseline
     * @return the experiment
     * @throws InvalidInputException for any bad part of the spec or its data, or a relative gate whose
     *     value the baseline lacks
     */
    public static Experiment load(ExperimentSpec spec, long seed, int samples, Optional<Baseline> baseline) {
        return load(spec, seed, samples, baseline, List.of());
    }

    /**
     * @param spec the spec
     * @param seed the seed, overriding the spec's
     * @param samples the draws per prior, overriding the spec's
     * @param baseline the metrics of an earlier, accepted run, for gates relative to a baseline
     * @param providers providers of the generator types the spec names, winning over the class path's
     * @return the experiment
     * @throws InvalidInputException for any bad part of the spec or its data, or a relative gate whose
     *     value the baseline lacks
     */
    public static Experiment load(ExperimentSpec spec, long seed, int samples, Optional<Baseline> baseline,
            List<GeneratorProvider> providers) {
        List<GeneratorProvider> own = List.copyOf(providers);
        if (samples < 1) {
            throw new InvalidInputException("samples is not at least 1: " + samples);
        }
        Map<String, Prior> priors = new LinkedHashMap<>();
        Map<String, Options> generators = new LinkedHashMap<>();
        Map<String, String> wherePriors = new LinkedHashMap<>();
        Map<String, Options> encoders = new LinkedHashMap<>();
        Map<String, SweepMember> sweep = new LinkedHashMap<>();
        List<Integer> dims = spec.latentDims().isEmpty() ? List.of(spec.latentDim()) : spec.latentDims();
        for (Options options : spec.priors()) {
            for (int dim : dims) {
                String family = options.string("label", options.has("type") ? options.requireString("type") : "");
                boolean swept = !spec.latentDims().isEmpty();
                if (swept && options.has("dim")) {
                    throw new InvalidInputException(options.where("dim") + ": " + options.section() + ".dim is set by the "
                            + "sweep latent_dim " + spec.latentDims() + ": drop it");
                }
                String label = swept ? family + "-d" + dim : family;
                Prior prior = Priors.create(options, dim);
                Options generator = options.has("generator")
                        ? spec.generator().overlaidWith(options.child("generator")) : spec.generator();
                options.rejectUnknownKeys();
                if (swept) {
                    generator = generator.replacing(SWEEP_PLACEHOLDER, Integer.toString(dim));
                    sweep.put(label, new SweepMember(family, dim));
                }
                if (spec.encoder().isPresent()) {
                    encoders.put(label, swept ? spec.encoder().get().replacing(SWEEP_PLACEHOLDER, Integer.toString(dim))
                            : spec.encoder().get());
                }
                if (priors.put(label, prior) != null) {
                    throw new InvalidInputException(options.where() + ": two priors are labelled '" + label
                            + "': give each a distinct 'label'");
                }
                for (String other : wherePriors.keySet()) {
                    if (SafeText.sameFileName(label, other)) {
                        throw new InvalidInputException(options.where() + ": the prior labels '" + other + "' and '"
                                + label + "' name the same files ('" + SafeText.fileName(label) + "': characters outside "
                                + "A-Za-z0-9._- become _, and case is ignored): give each a label that differs there");
                    }
                }
                if (prior instanceof FilePrior file && samples > file.rows()) {
                    throw new InvalidInputException(options.where() + ": " + options.section() + ": " + prior.description()
                            + " holds fewer rows than the " + samples + " samples asked for");
                }
                generators.put(label, generator);
                wherePriors.put(label, options.where());
            }
        }
        FeatureStage features = spec.features().map(FeatureStage::of).orElse(null);
        List<Check> checks = new ArrayList<>();
        List<Space> spaces = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Options options : spec.checks()) {
            String space = options.has("space") ? options.requireString("space") : null;
            Check check = Checks.create(options);
            spaces.add(space(space, check, features, options));
            if (!ids.add(check.id())) {
                throw new InvalidInputException(options.where() + ": two checks have the id '" + check.id()
                        + "': give each a distinct 'id'");
            }
            for (Check earlier : checks) {
                for (String label : priors.keySet()) {
                    for (String other : priors.keySet()) {
                        String mine = check.id() + "-" + label;
                        String theirs = earlier.id() + "-" + other;
                        if (SafeText.sameFileName(mine, theirs)) {
                            throw new InvalidInputException(options.where() + ": check '" + check.id()
                                    + "' on prior '" + label + "' and check '" + earlier.id() + "' on prior '"
                                    + other + "' name the same table file ('" + SafeText.fileName(mine)
                                    + ".csv'): give the check a distinct 'id'");
                        }
                    }
                }
            }
            checks.add(check);
            if (check.requirements().contains(Requirement.PRIOR_REFERENCE)) {
                for (Map.Entry<String, Prior> prior : priors.entrySet()) {
                    if (!prior.getValue().hasReference()) {
                        throw new InvalidInputException(wherePriors.get(prior.getKey()) + ": prior '" + prior.getKey()
                                + "' (" + prior.getValue().description() + ") has no reference distribution, which check '"
                                + check.id() + "' (" + options.where() + ") tests latents against: "
                                + (prior.getValue() instanceof FlowPrior || prior.getValue() instanceof FilePrior file
                                        && file.reference().isPresent()
                                        ? "give the flow an 'inverse' model, or compare the latents with fresh draws by "
                                        + "latent-energy or latent-mmd instead"
                                        : "add 'reference: gaussian' (or uniform, truncated, sphere, mixture, flow) to "
                                        + "the prior, or drop the check"));
                    }
                }
            }
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
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            boolean gated = gates.stream().anyMatch(g -> g.check().equals(check.id()));
            if (check.powerDemand().isPresent() && !gated) {
                gates.add(Gate.parse(check.id() + ".power >= " + check.powerDemand().get().atLeast(),
                        spec.checks().get(i).where()));
            }
        }
        String generatorType = spec.generator().requireString("type");
        for (Check check : checks) {
            if (check.requirements().contains(Requirement.GENERATOR) && generatorType.equals("file")) {
                throw new InvalidInputException(spec.generator().where("type") + ": check '" + check.id()
                        + "' calls the generator with latents of its own, which the file generator ignores");
            }
        }
        Engine engine = spec.engine().map(Engines::of).orElse(Engine.local());
        if (features != null && !engine.name().equals("local")) {
            throw new InvalidInputException(spec.file() + ": engine " + engine.name() + " does not run with a features "
                    + "section yet: embed the rows first, or use the local engine");
        }
        boolean streamed = features == null && spec.training().isPresent()
                && (NpyShards.isSharded(spec.training().get()) || ParquetFiles.isParquet(spec.training().get())
                        || spec.trainingColumn().isPresent() || !engine.name().equals("local"));
        Optional<MappedNpyFile> mapped = features != null || streamed ? Optional.empty()
                : spec.training().flatMap(MappedNpyFile::openIfLarge);
        Samples training = mapped.isPresent() || streamed ? null
                : read(spec.training(), "training", checks, spaces, Requirement.TRAINING, spec);
        ReferenceRows trainingRows = streamed ? ReferenceRows.open(spec.training().get(), spec.trainingColumn().orElse(null))
                : mapped.map(ReferenceRows::of).orElse(null);
        if (streamed && engine.name().equals("local") && !ParquetFiles.isParquet(spec.training().get())
                && NpyShards.isSharded(spec.training().get()) && fitsTheHeap(trainingRows)) {
            // Shards that fit the heap are read as one small file is (for PRDC, NDB, the copier), and
            // still streamed from their shards where a check can stream them (reported by (shard, row)).
            training = NpyShards.read(spec.training().get());
        }
        Samples holdout = read(spec.holdout(), "holdout", checks, spaces, Requirement.HOLDOUT, spec);
        ImageSource trainingImages = images(features, spec.training(), training, "data.training");
        ImageSource holdoutImages = images(features, spec.holdout(), holdout, "data.holdout");
        for (Map.Entry<String, Prior> prior : priors.entrySet()) {
            Generators.create(generators.get(prior.getKey()), GeneratorContext.of(prior.getValue(), training), own)
                    .close();
        }
        checkEncoder(spec, checks, priors, encoders);
        for (ExperimentSpec.GateEntry chart : spec.sweepCharts()) {
            int dot = chart.expression().indexOf('.');
            String id = dot < 0 ? chart.expression() : chart.expression().substring(0, dot);
            String metric = dot < 0 ? "" : chart.expression().substring(dot + 1);
            if (checks.stream().noneMatch(c -> c.id().equals(id) && c.metricNames().contains(metric))) {
                throw new InvalidInputException(chart.where() + ": sweep_charts names '" + chart.expression()
                        + "', which is not check.metric for a check the spec runs (checks: " + String.join(", ", ids)
                        + ")");
            }
        }
        Experiment experiment = new Experiment(spec, seed, samples, priors, generators, List.copyOf(checks),
                List.copyOf(gates), training, trainingRows, holdout, baseline, own, Map.copyOf(encoders),
                java.util.Collections.unmodifiableMap(sweep), features, List.copyOf(spaces), trainingImages,
                holdoutImages, engine);
        experiment.checkBaseline();
        return experiment;
    }

    /** Refuses checks that need an encoder the spec lacks; opens each prior's encoder once to match dimensions. */
    private static void checkEncoder(ExperimentSpec spec, List<Check> checks, Map<String, Prior> priors,
            Map<String, Options> encoders) {
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).requirements().contains(Requirement.ENCODER) && spec.encoder().isEmpty()) {
                throw new InvalidInputException(spec.checks().get(i).where() + ": check '" + checks.get(i).id()
                        + "' needs the model's encoder, which the spec does not give (encoder: {model: …})");
            }
        }
        for (Map.Entry<String, Options> entry : encoders.entrySet()) {
            Prior prior = priors.get(entry.getKey());
            try (Encoder encoder = Encoders.create(entry.getValue())) {
                if (encoder.latentDimension() != prior.dimension()) {
                    throw new InvalidInputException(entry.getValue().where("model") + ": encoder "
                            + entry.getValue().requirePath("model") + " gives latents of dimension "
                            + encoder.latentDimension() + " but prior '" + entry.getKey() + "' is "
                            + prior.description());
                }
            }
        }
    }

    private void checkBaseline() {
        List<ExperimentSpec.GateEntry> entries = spec.gates();
        for (int i = 0; i < gates.size(); i++) {
            Gate gate = gates.get(i);
            if (!gate.isRelative()) {
                continue;
            }
            for (String label : priors.keySet()) {
                try {
                    gate.baselineValue(label, baseline);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(entries.get(i).where() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static Space space(String given, Check check, FeatureStage features, Options options) {
        if (given == null) {
            return features == null ? Space.RAW : check.defaultSpace();
        }
        Space space = switch (given) {
            case "raw" -> Space.RAW;
            case "features" -> Space.FEATURES;
            default -> throw new InvalidInputException(options.where("space") + ": space is not raw or features: "
                    + given);
        };
        if (space == Space.FEATURES && features == null) {
            throw new InvalidInputException(options.where("space") + ": check '" + check.id() + "' asks for space "
                    + "features, but the spec has no features section");
        }
        return space;
    }

    /** The data set's images for the feature stage: its folder, or its rows read as images. */
    private static ImageSource images(FeatureStage features, Optional<Path> file, Samples rows, String key) {
        if (features == null || file.isEmpty()) {
            return null;
        }
        return features.images(file.get(), rows, key);
    }

    /**
     * @return whether the rows, as they are stored, take at most {@link MappedNpyFile#HEAP_SHARE} of the
     *     maximum heap: the rule by which one {@code .npy} file is read rather than mapped
     */
    private static boolean fitsTheHeap(ReferenceRows rows) {
        long bytes = (long) rows.rows() * rows.columns() * (rows.precision() == Precision.FLOAT64 ? 8 : 4);
        return bytes <= MappedNpyFile.HEAP_SHARE * Runtime.getRuntime().maxMemory();
    }

    private static Samples read(Optional<Path> file, String key, List<Check> checks, List<Space> spaces,
            Requirement requirement, ExperimentSpec spec) {
        if (file.isPresent() && Files.isDirectory(file.get())) {
            if (spec.features().isEmpty()) {
                throw new InvalidInputException(spec.file() + ": data." + key + " " + file.get() + " is a folder of "
                        + "images, which only a features section (an embedding model) can read");
            }
            for (int i = 0; i < checks.size(); i++) {
                if (spaces.get(i) == Space.RAW && checks.get(i).requirements().contains(requirement)) {
                    throw new InvalidInputException(spec.checks().get(i).where() + ": check '" + checks.get(i).id()
                            + "' reads raw values (space: raw), but data." + key + " " + file.get() + " is a folder "
                            + "of images: give it as a .npy file, or let the check run on features");
                }
            }
            return null;
        }
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

    /** @return where the heavy k-NN passes run: the spec's {@code engine}, {@code local} by default */
    public Engine engine() {
        return engine;
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

    /**
     * @param label a prior's label
     * @return the options of the generator that prior's run uses: the spec's {@code generator},
     *     overlaid with the prior's own {@code generator} map when it has one
     */
    public Options generator(String label) {
        Options options = generators.get(label);
        if (options == null) {
            throw new IllegalArgumentException("no prior is labelled '" + label + "'");
        }
        return options;
    }

    /**
     * @param label a prior's label
     * @param context the run the generator serves
     * @return a new generator for that prior's run, from the spec's options ({@link #generator(String)})
     */
    public Generator createGenerator(String label, GeneratorContext context) {
        return Generators.create(generator(label), context, providers);
    }

    /**
     * @param label a prior's label
     * @return a new encoder for that prior's run, from the spec's {@code encoder} (its {@code {latent_dim}}
     *     replaced in a sweep); the caller closes it
     * @throws IllegalStateException when the spec gives no encoder
     */
    public Encoder createEncoder(String label) {
        Options options = encoders.get(label);
        if (options == null) {
            throw new IllegalStateException("the spec gives no encoder for prior '" + label + "'");
        }
        return Encoders.create(options);
    }

    /**
     * @return for a dimension sweep ({@code latent_dim: [2, 4, 8]}), each run's label with its family
     *     and dimension, in run order; empty otherwise
     */
    public Map<String, SweepMember> sweep() {
        return sweep;
    }

    /** @return the checks, in spec order */
    public List<Check> checks() {
        return checks;
    }

    /** @return the gates, in spec order */
    public List<Gate> gates() {
        return gates;
    }

    /** @return the baseline run that relative gates compare with, when one is given */
    public Optional<Baseline> baseline() {
        return baseline;
    }

    /**
     * @return the training data, when the spec names it and it is read into memory (empty when it is
     *     {@linkplain #trainingRows() memory-mapped})
     */
    public Optional<Samples> training() {
        return Optional.ofNullable(training);
    }

    /**
     * @return the training rows when the training file is a {@code .npy} matrix too large to read into
     *     memory ({@link MappedNpyFile#openIfLarge}): they are memory-mapped and streamed by the
     *     checks that can ({@code memorization}); other checks and generators then find no training data
     */
    public Optional<ReferenceRows> trainingRows() {
        return Optional.ofNullable(trainingRows);
    }

    /** @return the feature stage, when the spec has a {@code features} section */
    public Optional<FeatureStage> features() {
        return Optional.ofNullable(features);
    }

    /**
     * @param check the index of a check in spec order
     * @return the values it reads: {@link Space#FEATURES} or {@link Space#RAW} (always raw without a feature stage)
     */
    public Space space(int check) {
        return spaces.get(check);
    }

    /** @return whether some check reads the raw generated samples, so that the runner keeps them */
    public boolean needsRawSamples() {
        return features == null || spaces.contains(Space.RAW);
    }

    /** @return the training images for the feature stage, when there are both */
    public Optional<ImageSource> trainingImages() {
        return Optional.ofNullable(trainingImages);
    }

    /** @return the holdout images for the feature stage, when there are both */
    public Optional<ImageSource> holdoutImages() {
        return Optional.ofNullable(holdoutImages);
    }

    /** @return the held-out data, when the spec names it */
    public Optional<Samples> holdout() {
        return Optional.ofNullable(holdout);
    }
}
