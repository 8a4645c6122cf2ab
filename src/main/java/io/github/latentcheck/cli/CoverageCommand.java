package io.github.latentcheck.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.ModeCoverageCheck;
import io.github.latentcheck.check.NdbCheck;
import io.github.latentcheck.check.PrdcCheck;
import io.github.latentcheck.concurrent.Tasks;
import io.github.latentcheck.data.AtomicFile;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.modes.ModesFile;
import io.github.latentcheck.report.JsonResultsReporter;
import io.github.latentcheck.report.ReportFolder;
import io.github.latentcheck.run.Verdict;
import io.github.latentcheck.stats.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code latentcheck coverage}: scores samples generated elsewhere for mode coverage, against known
 * modes ({@code mode-coverage}) or against reference data ({@code prdc} and {@code ndb}). On a
 * terminal each long search (PRDC's four k-NN searches) shows its progress on standard error.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "Mode coverage of a samples file: against known modes (ring8, grid25 or a JSON modes file), "
                + "or against reference data (precision, recall, density, coverage; NDB).")
final class CoverageCommand implements Callable<Integer> {
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

        @Option(names = "--reference", paramLabel = "FILE", description = "Real data to compare with (.npy or .csv; "
                + "or a folder or glob of .npy shards, read into memory in file-name order).")
        Path reference;
    }

    @Option(names = "--holdout", paramLabel = "FILE",
            description = "With --reference: held-out real data for the real-against-real PRDC baseline.")
    Path holdout;

    @Option(names = "--k", paramLabel = "K", defaultValue = "5", description = "PRDC neighbour rank (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the JSON object to DIR/coverage.json "
            + "(DIR is created, or replaced whole when it holds an earlier report).")
    Path out;

    @Option(names = "--gate", paramLabel = "EXPR", description = "A criterion such as 'prdc.coverage >= 0.9' "
            + "(repeatable); replaces the default criteria, the checks' own verdicts: with --modes, some "
            + "high-quality samples, every mode covered, none under-covered and the occupancy test not rejecting; "
            + "with --reference, no NDB bin different (PRDC reports estimates and judges nothing by itself).")
    List<String> gates = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (out != null) {
            ReportFolder.checkReplaceable(out);
        }
        Samples samples = SampleFiles.readSamples(samplesFile);
        List<Check> checks = new ArrayList<>();
        Samples reference = null;
        Samples held = null;
        if (against.modes != null) {
            if (holdout != null) {
                throw new InvalidInputException("--holdout goes with --reference, not --modes");
            }
            checks.add(ModeCoverageCheck.of("mode-coverage", ModesFile.resolve(against.modes, Path.of("")))
                    .withHqSigmas(hqSigmas).withAlpha(alpha));
        } else {
            reference = NpyShards.isSharded(against.reference) ? NpyShards.read(against.reference)
                    : SampleFiles.readSamples(against.reference);
            held = holdout != null ? SampleFiles.readSamples(holdout) : null;
            checks.add(PrdcCheck.of("prdc").withK(k));
            checks.add(NdbCheck.of("ndb", 50, alpha));
        }
        List<Gate> criteria = new ArrayList<>();
        for (String expression : CommandGates.criteria(gates, checks.toArray(new Check[0]))) {
            criteria.add(Gate.parse(expression, "--gate"));
        }
        CheckInput input = CheckInput.ofSamples(samples, reference, held, seed,
                threads != null ? threads : Tasks.defaultThreads());
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            try {
                results.add(TerminalProgress.run("coverage", check, input));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(samplesFile + ": " + check.id() + ": " + e.getMessage(), e);
            }
        }
        List<GateResult> verdicts = new ArrayList<>();
        for (Gate gate : criteria) {
            verdicts.add(gate.evaluate("samples", results));
        }
        Verdict verdict = Verdict.of(verdicts.stream().allMatch(GateResult::passed), verdicts.size());
        byte[] document = json(samples, results, verdicts, verdict);
        if (out != null) {
            ReportFolder.write(out, folder -> AtomicFile.write(folder.resolve("coverage.json"), document));
        }
        PrintWriter stdout = command.commandLine().getOut();
        if (json) {
            stdout.print(new String(document, StandardCharsets.UTF_8));
            stdout.println();
        } else {
            printTable(stdout, results);
            CommandGates.printTable(stdout, verdicts);
            stdout.printf(Locale.ROOT, "%s: %s%n", samplesFile, verdict.label());
        }
        stdout.flush();
        return LatentcheckCommand.exitStatus(verdict);
    }

    private byte[] json(Samples samples, List<CheckResult> results, List<GateResult> verdicts, Verdict verdict)
            throws IOException {
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
            for (CheckResult result : results) {
                JsonResultsReporter.writeCheck(gen, result);
            }
            gen.writeEndArray();
            JsonResultsReporter.writeGates(gen, verdicts);
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
