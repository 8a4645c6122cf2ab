package io.github.latentcheck.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.ModeCoverageCheck;
import io.github.latentcheck.check.NdbCheck;
import io.github.latentcheck.check.PrdcCheck;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.ParquetFiles;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.report.JsonResultsReporter;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.modes.ModesFile;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import io.github.latentcheck.run.Verdict;
import io.github.latentcheck.stats.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentcheck coverage}: scores samples generated elsewhere for mode coverage, against known
 * modes ({@code mode-coverage}) or against training data ({@code prdc} and {@code ndb}), as a
 * one-prior experiment ({@link SamplesExperiment}): {@code --json}, the table and {@code --out}'s
 * report give the same numbers. On a terminal each long search (PRDC's four k-NN searches) shows its
 * progress on standard error.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true, preprocessor = OldSpellings.class,
        description = "Mode coverage of a samples file: against known modes (ring8, grid25 or a JSON modes file), "
                + "or against training data (precision, recall, density, coverage; NDB).")
final class CoverageCommand implements Callable<Integer> {
    /** NDB's k-means bins, as in specs. */
    private static final int NDB_BINS = 50;

    @Spec
    CommandSpec command;

    @Option(names = "--samples", required = true, paramLabel = "FILE", description = "The generated samples (.npy or .csv).")
    Path samplesFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Against against;

    /** What the samples are scored against: exactly one of the two. */
    static final class Against {
        @Option(names = "--modes", paramLabel = "MODES", description = "ring8, grid25 or a JSON modes file.")
        String modes;

        @Option(names = "--train", paramLabel = "FILE",
                description = "Training (real) data to compare with (.npy or .csv, or a folder or glob of .npy shards, "
                        + "read into memory); formerly --reference.")
        Path train;
    }

    @Option(names = "--holdout", paramLabel = "FILE",
            description = "With --train: held-out real data for the real-against-real PRDC baseline.")
    Path holdout;

    @Option(names = "--prdc-k", paramLabel = "K", defaultValue = "5",
            description = "With --train: PRDC's neighbour rank (default: ${DEFAULT-VALUE}); formerly --k.")
    int k;

    @Option(names = "--hq-sigmas", paramLabel = "H", defaultValue = "3",
            description = "With --modes: high-quality radius in standard deviations (default: ${DEFAULT-VALUE}).")
    double hqSigmas;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "Significance level (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed for NDB's k-means and chart subsampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the processors available).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object with every check's metrics and tests.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report into DIR (index.html, results.json, "
            + "junit.xml, summary.md and coverage.yaml, the spec that reproduces it with 'latentcheck run'); DIR is "
            + "created, or replaced whole when it holds an earlier report.")
    Path out;

    @Option(names = "--gate", paramLabel = "EXPR", description = "A criterion such as 'prdc.coverage >= 0.9' "
            + "(repeatable); replaces the default criteria, the checks' own verdicts: with --modes, some "
            + "high-quality samples, every mode covered, none under-covered and the occupancy test not rejecting; "
            + "with --train, no NDB bin different (PRDC reports estimates and judges nothing by itself).")
    List<String> gates = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        RunCommand.requireAtLeastOne("--threads", threads);
        Samples samples = SampleFiles.readSamples(samplesFile);
        List<Check> checks = new ArrayList<>();
        List<Map<String, Object>> options = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        if (against.modes != null) {
            if (holdout != null) {
                throw new InvalidInputException("--holdout goes with --train, not --modes");
            }
            GaussianMixture mixture = ModesFile.resolve(against.modes, Path.of(""));
            if (mixture.dimension() != samples.columns()) {
                throw new InvalidInputException(samplesFile + ": has " + samples.columns() + " columns but the modes "
                        + mixture.name() + " have dimension " + mixture.dimension());
            }
            checks.add(ModeCoverageCheck.of("mode-coverage", mixture).withHqSigmas(hqSigmas).withAlpha(alpha));
            boolean named = against.modes.equals("ring8") || against.modes.equals("grid25");
            options.add(Map.of("type", "mode-coverage", "modes", named ? against.modes
                    : Path.of(against.modes).toAbsolutePath().toString(), "hq_sigmas", hqSigmas, "alpha", alpha));
        } else {
            if (ParquetFiles.isParquet(against.train)) {
                throw new InvalidInputException(against.train + ": coverage takes the training rows as one .npy or .csv "
                        + "file, not Parquet (PRDC and NDB hold them in memory)");
            }
            requireSameColumns(samples, against.train);
            data.put("training", against.train.toAbsolutePath().toString());
            if (holdout != null) {
                requireSameColumns(samples, holdout);
                data.put("holdout", holdout.toAbsolutePath().toString());
            }
            checks.add(PrdcCheck.of("prdc").withK(k));
            checks.add(NdbCheck.of("ndb", NDB_BINS, alpha));
            options.add(Map.of("type", "prdc", "k", k));
            options.add(Map.of("type", "ndb", "bins", NDB_BINS, "alpha", alpha));
        }
        List<String> criteria = CommandGates.criteria(gates, checks.toArray(new Check[0]));
        SamplesExperiment experiment = SamplesExperiment.of("coverage", "coverage", "Mode coverage of " + samplesFile
                + (against.modes != null ? " against the modes " + against.modes : " against " + against.train
                + (holdout != null ? ", with " + holdout + " as the real-against-real baseline" : "")) + ".",
                samplesFile, samples.rows(), seed, data, options, criteria, out, null);
        ExperimentResult result = experiment.run(threads != null ? threads : Tasks.defaultThreads(), out);
        PriorRun run = result.runs().get(0);
        PrintWriter stdout = command.commandLine().getOut();
        if (json) {
            stdout.print(new String(json(samples, run, result.verdict()), StandardCharsets.UTF_8));
            stdout.println();
        } else {
            printTable(stdout, run.checks());
            CommandGates.printTable(stdout, run.gates());
            stdout.printf(Locale.ROOT, "%s: %s%s%n", samplesFile, result.verdictSummary(),
                    out != null ? "; report in " + out.resolve("index.html") : "");
        }
        stdout.flush();
        return LatentcheckCommand.exitStatus(result.verdict());
    }

    private void requireSameColumns(Samples samples, Path file) {
        int columns = NpyShards.isSharded(file) ? NpyShards.open(file).get(0).columns()
                : SampleFiles.readSamples(file).columns();
        if (columns != samples.columns()) {
            throw new InvalidInputException(file + ": row 0 has " + columns + " columns but the rows of " + samplesFile
                    + " have " + samples.columns());
        }
    }

    private byte[] json(Samples samples, PriorRun run, Verdict verdict) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator gen = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeStringField("samples", samplesFile.toString());
            gen.writeNumberField("rows", samples.rows());
            gen.writeNumberField("columns", samples.columns());
            gen.writeBooleanField("passed", verdict == Verdict.PASSED);
            gen.writeStringField("verdict", verdict.label().toLowerCase(Locale.ROOT));
            gen.writeArrayFieldStart("checks");
            for (CheckResult result : run.checks()) {
                JsonResultsReporter.writeCheck(gen, result);
            }
            gen.writeEndArray();
            JsonResultsReporter.writeGates(gen, run.gates());
            if (out != null) {
                gen.writeStringField("report", out.resolve("index.html").toString());
            }
            gen.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private void printTable(PrintWriter out, List<CheckResult> results) {
        out.printf(Locale.ROOT, "%-34s  %s%n", "metric", "value");
        for (CheckResult result : results) {
            for (Map.Entry<String, Number> metric : result.metrics().entrySet()) {
                Number v = metric.getValue();
                String value = v instanceof Long ? v.toString() : String.format(Locale.ROOT, "%.6g", v.doubleValue());
                out.printf(Locale.ROOT, "%-34s  %s%n", result.id() + "." + metric.getKey(), value);
            }
            for (TestResult test : result.tests()) {
                if (test.reject(alpha) || test.name().equals("occupancy-chi2")) {
                    out.printf(Locale.ROOT, "%-34s  p = %.3g, adjusted p = %.3g%n", result.id() + " " + test.name(),
                            test.pValue(), test.adjustedPValue());
                }
            }
        }
    }
}
