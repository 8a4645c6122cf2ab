package io.github.latentcheck.spec;

import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment as written in YAML: what to sample, through which generator, which checks to run
 * and which gates to apply. Paths are relative to the spec's folder. Unknown keys are refused with
 * their line. The top-level keys:
 *
 * <pre>
 * name: quickstart            # required; names the report folder
 * description: …             # optional
 * seed: 42                    # default 0
 * samples: 10000              # draws per prior, required
 * latent_dim: 3               # default dimension of every prior; a list [2, 4, 8] sweeps it (below)
 * priors: [gaussian, {type: uniform, low: -1, high: 1, label: u}]
 * generator: {type: ring, sd: 0.02}
 * data: {training: …, holdout: …}   # .npy / .csv files, or folders of PNG/JPEG images (with features)
 *                                   # training may be .npy shards or Parquet (training_column: emb)
 * features: {model: …, size: …}     # optional embedding stage (FeatureStage); checks then run on features
 * checks: [latent-ks, {type: marginal-ks, alpha: 0.01}]
 * gates: ["latent-ks.rejected == 0"]
 * output: reports/quickstart  # optional, below the spec's folder; default reports/&lt;name&gt; under the working folder
 * encoder: {model: enc.onnx}  # optional: the model's encoder, for the encoder checks (see Encoders)
 * engine: {type: spark, master: "local[2]"}  # optional; where the k-NN passes run (default local)
 * </pre>
 *
 * <p><b>Dimension sweeps.</b> With {@code latent_dim: [2, 4, 8]} every prior runs once per value
 * (labelled {@code <label>-d<value>}, its {@code dim} set to the value), and the text
 * {@code {latent_dim}} in the generator's and the encoder's string options (such as
 * {@code model: vae-d{latent_dim}.onnx}) is replaced by the value: one model per dimension, one report.
 * The report charts the metrics named in {@code sweep_charts} (such as {@code [prdc.coverage,
 * memorization.dcrTrainMedian]}) against the dimension, or, without that key, every metric that varies.
 */
public final class ExperimentSpec {
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "seed", "samples", "latent_dim",
            "priors", "generator", "data", "features", "checks", "gates", "output", "encoder",
            "sweep_charts", "engine");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path file;
    private final String text;
    private final String name;
    private final String description;
    private final long seed;
    private final int samples;
    private final int latentDim;
    private final List<Options> priors;
    private final Options generator;
    private final Optional<Path> training;
    private final Optional<String> trainingColumn;
    private final Optional<Path> holdout;
    private final Optional<Options> features;
    private final List<Options> checks;
    private final List<GateEntry> gates;
    private final Optional<Path> output;
    private final String outputWhere;
    private final List<Integer> latentDims;
    private final Optional<Options> encoder;
    private final List<GateEntry> sweepCharts;
    private final Optional<Options> engine;

    private ExperimentSpec(Path file, String text, String name, String description, long seed, int samples, int latentDim, List<Options> priors,
            Options generator, Optional<Path> training, Optional<String> trainingColumn, Optional<Path> holdout,
            List<Options> checks,
            List<GateEntry> gates, Optional<Path> output, String outputWhere, List<Integer> latentDims,
            Optional<Options> encoder, List<GateEntry> sweepCharts, Optional<Options> features,
            Optional<Options> engine) {
        this.file = file;
        this.text = text;
        this.name = name;
        this.description = description;
        this.seed = seed;
        this.samples = samples;
        this.latentDim = latentDim;
        this.priors = priors;
        this.generator = generator;
        this.training = training;
        this.trainingColumn = trainingColumn;
        this.holdout = holdout;
        this.features = features;
        this.checks = checks;
        this.gates = gates;
        this.output = output;
        this.outputWhere = outputWhere;
        this.latentDims = latentDims;
        this.encoder = encoder;
        this.sweepCharts = sweepCharts;
        this.engine = engine;
    }

    /**
     * A gate expression and where it was written.
     *
     * @param expression the expression
     * @param where {@code file:line}
     */
    public record GateEntry(String expression, String where) {
    }

    /**
     * @param file a YAML spec
     * @return the spec
     * @throws InvalidInputException if the file is missing, is not YAML, or breaks a rule (naming the line)
     */
    public static ExperimentSpec read(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /**
     * A spec written by a program rather than read from disk, such as the one {@code latentcheck audit}
     * runs: the YAML text is read as if it were the file {@code file}, which need not exist (relative
     * paths are resolved against its folder, and messages name it).
     *
     * @param yaml the spec's text
     * @param file where the spec is said to be
     * @return the spec
     * @throws InvalidInputException if the text is not YAML or breaks a rule (naming the line)
     */
    public static ExperimentSpec parse(String yaml, Path file) {
        return of(SpecNode.parse(new StringReader(yaml), file.toString()), file, yaml);
    }

    private static ExperimentSpec of(SpecNode root, Path file, String text) {
        if (root.kind() != SpecNode.Kind.MAP) {
            throw new InvalidInputException(root.where() + ": a spec is a map of keys (name, samples, priors, …)");
        }
        Path base = file.toAbsolutePath().getParent();
        Options top = Options.of(root, "spec", base);
        for (String key : root.entries().keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new InvalidInputException(root.whereKey(key) + ": unknown key '" + key
                        + "' (known keys: name, description, seed, samples, latent_dim, priors, generator, data, "
                        + "features, checks, gates, output, encoder, sweep_charts, engine)");
            }
        }
        String name = top.requireString("name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(top.where("name") + ": name is not letters, digits, '.', '_' or '-': '"
                    + name + "'");
        }
        String description = top.string("description", "");
        long seed = top.longValue("seed", 0);
        long samples = top.requireLong("samples");
        if (samples < 1 || samples > Integer.MAX_VALUE) {
            throw new InvalidInputException(top.where("samples") + ": samples is not a whole number in [1, "
                    + Integer.MAX_VALUE + "]: " + samples);
        }
        SpecNode dims = root.entries().get("latent_dim");
        List<Integer> latentDims = new ArrayList<>();
        int latentDim = 0;
        if (dims != null && dims.kind() == SpecNode.Kind.LIST) {
            for (int d : top.integers("latent_dim")) {
                if (d < 1 || latentDims.contains(d)) {
                    throw new InvalidInputException(top.where("latent_dim") + ": latent_dim is not a list of distinct "
                            + "positive whole numbers: " + d + (d < 1 ? " is below 1" : " comes twice"));
                }
                latentDims.add(d);
            }
            if (latentDims.isEmpty()) {
                throw new InvalidInputException(top.where("latent_dim") + ": latent_dim is an empty list");
            }
        } else {
            latentDim = top.integer("latent_dim", 0, 1);
        }
        List<Options> priors = entries(root, "priors", base, true);
        Options generator = top.child("generator");
        Optional<Path> training = Optional.empty();
        Optional<String> trainingColumn = Optional.empty();
        Optional<Path> holdout = Optional.empty();
        if (top.has("data")) {
            Options data = top.child("data");
            training = data.has("training") ? Optional.of(data.requirePath("training")) : Optional.empty();
            trainingColumn = data.has("training_column") ? Optional.of(data.requireString("training_column"))
                    : Optional.empty();
            if (trainingColumn.isPresent() && training.isEmpty()) {
                throw new InvalidInputException(data.where("training_column") + ": training_column names a column of "
                        + "the Parquet training files, but data has no training");
            }
            holdout = data.has("holdout") ? Optional.of(data.requirePath("holdout")) : Optional.empty();
            data.rejectUnknownKeys();
        }
        Optional<Options> features = top.has("features") ? Optional.of(top.child("features")) : Optional.empty();
        List<Options> checks = entries(root, "checks", base, false);
        List<GateEntry> gates = new ArrayList<>();
        SpecNode gateList = root.entries().get("gates");
        if (gateList != null) {
            if (gateList.kind() != SpecNode.Kind.LIST) {
                throw new InvalidInputException(root.whereKey("gates") + ": gates is not a list of expressions");
            }
            for (SpecNode g : gateList.items()) {
                if (g.kind() != SpecNode.Kind.SCALAR || g.scalar() == null) {
                    throw new InvalidInputException(g.where() + ": a gate is one expression such as "
                            + "'latent-ks.rejected == 0'");
                }
                gates.add(new GateEntry(String.valueOf(g.scalar()), g.where()));
            }
        }
        Optional<Path> output = top.has("output") ? Optional.of(top.requirePath("output")) : Optional.empty();
        String outputWhere = top.has("output") ? top.where("output") + ": output '" + top.requireString("output") + "'"
                : root.where();
        Optional<Options> encoder = top.has("encoder") ? Optional.of(top.child("encoder")) : Optional.empty();
        List<GateEntry> sweepCharts = new ArrayList<>();
        if (top.has("sweep_charts")) {
            if (latentDims.isEmpty()) {
                throw new InvalidInputException(top.where("sweep_charts") + ": sweep_charts needs a sweep: give "
                        + "latent_dim a list such as [2, 4, 8]");
            }
            top.strings("sweep_charts").forEach(m -> sweepCharts.add(new GateEntry(m, top.where("sweep_charts"))));
        }
        return new ExperimentSpec(file, text, name, description, seed, (int) samples, latentDim, List.copyOf(priors), generator,
                training, trainingColumn, holdout, List.copyOf(checks), List.copyOf(gates), output, outputWhere,
                List.copyOf(latentDims), encoder, List.copyOf(sweepCharts), features,
                top.has("engine") ? Optional.of(top.child("engine")) : Optional.empty());
    }

    /**
     * Reads a list whose items are either a type name ({@code - gaussian}) or a map with a type.
     */
    private static List<Options> entries(SpecNode root, String key, Path base, boolean required) {
        SpecNode list = root.entries().get(key);
        if (list == null) {
            if (required) {
                throw new InvalidInputException(root.where() + ": spec is missing the key '" + key + "'");
            }
            return List.of();
        }
        if (list.kind() != SpecNode.Kind.LIST || required && list.items().isEmpty()) {
            throw new InvalidInputException(root.whereKey(key) + ": " + key + " is not a non-empty list");
        }
        List<Options> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            SpecNode item = list.items().get(i);
            String section = key + "[" + i + "]";
            if (item.kind() == SpecNode.Kind.SCALAR) {
                out.add(Options.of(SpecNode.typeOnly(item), section, base));
            } else {
                out.add(Options.of(item, section, base));
            }
        }
        return out;
    }

    /** @return the spec file */
    public Path file() {
        return file;
    }

    /** @return the spec's YAML text, as read or given */
    public String text() {
        return text;
    }

    /** @return the experiment's name */
    public String name() {
        return name;
    }

    /** @return the description, or an empty string */
    public String description() {
        return description;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the number of draws per prior */
    public int samples() {
        return samples;
    }

    /** @return the latent dimension for priors that give none, or 0 when the spec sets none */
    public int latentDim() {
        return latentDim;
    }

    /**
     * @return the latent dimensions a sweep runs every prior at ({@code latent_dim: [2, 4, 8]}), in spec
     *     order; empty when {@code latent_dim} is one number or absent
     */
    public List<Integer> latentDims() {
        return latentDims;
    }

    /**
     * @return the metrics a sweep charts against the dimension ({@code sweep_charts}), as
     *     {@code check.metric} with the line they stand on; empty: every metric that varies
     */
    public List<GateEntry> sweepCharts() {
        return sweepCharts;
    }

    /** @return the encoder's options ({@code encoder:}), when the spec gives an encoder */
    public Optional<Options> encoder() {
        return encoder;
    }

    /** @return the priors' options, in spec order */
    public List<Options> priors() {
        return priors;
    }

    /** @return the generator's options */
    public Options generator() {
        return generator;
    }

    /**
     * @return the {@code engine} section ({@code type}: local | spark, {@code master},
     *     {@code partition_rows}), when given; read by {@code Engines.of(Options)}
     */
    public Optional<Options> engine() {
        return engine;
    }

    /** @return the training data file, when given */
    public Optional<Path> training() {
        return training;
    }

    /**
     * @return {@code data.training_column}: the column of Parquet training files to read, when given
     *     (otherwise their only column of float or double arrays)
     */
    public Optional<String> trainingColumn() {
        return trainingColumn;
    }

    /** @return the held-out data file, when given */
    public Optional<Path> holdout() {
        return holdout;
    }

    /** @return the {@code features} section (the embedding stage), when the spec has one */
    public Optional<Options> features() {
        return features;
    }

    /** @return the checks' options, in spec order */
    public List<Options> checks() {
        return checks;
    }

    /** @return the gate expressions with their lines */
    public List<GateEntry> gates() {
        return gates;
    }

    /**
     * The output folder the spec gives, confined to below the spec's own folder: specs arrive in pull
     * requests, and a spec must not make a run write (or replace a folder) anywhere else. Only the
     * command line ({@code --out}) chooses a folder elsewhere, so the check is made here, when the
     * spec's folder is about to be used, not when the spec is read.
     *
     * @return the output folder, when the spec gives one
     * @throws InvalidInputException naming the spec's line when {@code output} is absolute, climbs out
     *         of the spec's folder, is that folder, or leads out of it through a link
     */
    public Optional<Path> output() {
        if (output.isEmpty()) {
            return output;
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        Path folder = output.get().toAbsolutePath().normalize();
        if (!folder.startsWith(base) || folder.equals(base)) {
            throw outsideSpecFolder(" is not below the spec's folder");
        }
        Path existing = folder;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            Path real = existing.toRealPath();
            Path realBase = base.toRealPath();
            if (!real.startsWith(realBase) || (existing.equals(folder) && real.equals(realBase))) {
                throw outsideSpecFolder(" leads out of the spec's folder through the link " + existing);
            }
        } catch (IOException e) {
            throw new InvalidInputException(outputWhere + " cannot be resolved: " + e.getMessage(), e);
        }
        return output;
    }

    /** @return where the spec gives its output, {@code spec.yaml:27: output 'reports/x'} (the spec file when it gives none) */
    public String outputWhere() {
        return outputWhere;
    }

    private InvalidInputException outsideSpecFolder(String how) {
        return new InvalidInputException(outputWhere + how + ": specs write only below their own folder "
                + "(give --out DIR on the command line to write elsewhere)");
    }
}
